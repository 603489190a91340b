/**
 * What other modules (and the lead's wiring) may use of assessments. Individual answers are
 * never exported: nothing here returns them.
 */
export { sendRoundReminders, closeDueRounds } from './assessments.rounds.service';
