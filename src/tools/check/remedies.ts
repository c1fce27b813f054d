// What to do about a rejection, by the code of the error that rejects the file: a table, so
// that the check's summary can name the one option or edit that fixes the most rejected files.
// Codes that one remedy fixes share its entry (a built image with no name and one named on no
// registry both want a registry), and the summary counts them together.

import type { Code } from '../../base/messages.js';

export interface Remedy {
  /** The cause, in a few words, as the files have it. */
  cause: string;
  /** The one option or edit that fixes it. */
  fix: string;
}

const IMAGE_REGISTRY: Remedy = {
  cause: 'services built from source',
  fix: 'set --image-registry PREFIX (image-registry in compose2agent.yaml), and push the images `compose2agent images` lists',
};

const FRAGMENT: Remedy = {
  cause: 'fragments meant to be included or extended',
  fix: 'a fragment is checked through the files that include or extend it: leave it out with --exclude (exclude in compose2agent.yaml)',
};

export const REMEDIES: Readonly<Partial<Record<Code, Remedy>>> = {
  C2A044: IMAGE_REGISTRY,
  C2A214: IMAGE_REGISTRY,
  C2A200: {
    cause: 'included or extended files missing',
    fix: 'set the variables their paths are built from (--env-file), or add the files to the repository',
  },
  C2A011: { cause: 'required variables not set', fix: 'set the variables in an env file passed with --env-file (env-files in compose2agent.yaml)' },
  C2A070: {
    cause: 'bind mounts of host paths outside the project',
    fix: 'move the files into the repository and mount them from there, or COPY them into the image',
  },
  C2A071: { cause: 'Docker socket mounts', fix: 'pass --drop-docker-socket (drop-docker-socket in compose2agent.yaml) where no service uses the socket' },
  C2A063: { cause: 'privileged services', fix: 'opt in where the task needs it: --allow-privileged, or an override in compose2agent.yaml' },
  C2A050: { cause: 'host networking or a shared network namespace', fix: 'remove network_mode: services reach each other by their names' },
  C2A045: { cause: 'keys that cannot be converted safely', fix: 'remove the host namespaces, devices and Docker API access the services ask for' },
  C2A078: { cause: 'files that cannot be delivered into the sandbox', fix: 'add the files to the repository as text, or COPY them into the image' },
  C2A060: { cause: 'users given by name', fix: 'give the user a fixed ID where the Dockerfile creates it (useradd -u), or write the numeric uid (user: "1000")' },
  C2A074: FRAGMENT,
  C2A052: FRAGMENT,
  C2A206: FRAGMENT,
  C2A211: FRAGMENT,
  C2A040: FRAGMENT,
};
