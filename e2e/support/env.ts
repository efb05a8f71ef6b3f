/** Where the BFF under test listens (a fixed port; override with E2E_PORT if it is taken). */
export const PORT = Number(process.env.E2E_PORT ?? 18181);
export const baseURL = `http://127.0.0.1:${PORT}`;
