/** tsdig's version, printed by --version and in the `; <<>> tsdig VERSION <<>>` line. */
export const VERSION = '0.1.0';
