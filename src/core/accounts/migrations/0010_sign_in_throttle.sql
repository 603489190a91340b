-- Failed sign-ins counted per account AND address, so a stranger elsewhere cannot lock
-- someone out, with a delay that doubles after each failure past the threshold. Accounts that
-- do not exist are counted the same way (by a hash of the email), so the answers do not tell
-- them apart. users.failed_login_count / locked_until are no longer used for lockout.
CREATE TABLE sign_in_throttle (
  email_key text NOT NULL,
  address text NOT NULL,
  failures integer NOT NULL DEFAULT 0,
  blocked_until timestamptz,
  last_failure_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (email_key, address)
);
CREATE INDEX sign_in_throttle_last_failure_idx ON sign_in_throttle (last_failure_at);
