/** The greeting the example answers with. */
export function greet(greeting: string, who: string): string {
  return `${greeting} ${who}!`;
}
