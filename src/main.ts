// `npm start`: serve with settings from the environment.
process.argv.splice(2, process.argv.length, 'serve');
await import('./cli/main');
export {};
