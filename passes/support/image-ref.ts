// Image references as Docker parses them (the distribution reference grammar):
//   [domain[:port]/]path-component[/path-component…][:tag][@algorithm:hex]
// The chart writes `image:` unquoted into the pod spec, so a string outside this grammar is
// not only unpullable but may change the manifest's shape (a line break adds keys).

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9A-Fa-f:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*(?::${TAG})?(?:@${DIGEST})?$`);

/** The most characters Docker accepts in a repository name. */
const NAME_LIMIT = 255;

/** What makes a string not an image reference: a variant of C2A034. */
export type ImageReferenceProblem =
  | { problem: 'empty' | 'whitespace' | 'upper-case' | 'not-a-reference' }
  | { problem: 'name-too-long'; limit: number };

export function imageReferenceProblem(image: string): ImageReferenceProblem | undefined {
  if (image === '') return { problem: 'empty' };
  if (/\s/.test(image)) return { problem: 'whitespace' };
  if (!REFERENCE.test(image)) {
    if (REFERENCE.test(image.toLowerCase())) return { problem: 'upper-case' };
    return { problem: 'not-a-reference' };
  }
  const name = image.replace(/@.*$/, '').replace(/:[\w][\w.-]*$/, '');
  if (name.length > NAME_LIMIT) return { problem: 'name-too-long', limit: NAME_LIMIT };
  return undefined;
}
