/** The shape every language file has: nested objects of strings. */
export interface Dictionary {
  [key: string]: string | Dictionary;
}
