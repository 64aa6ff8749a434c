declare module 'stopwords-iso' {
  const stopwords: Readonly<Record<string, readonly string[] | undefined>>;
  export default stopwords;
}
