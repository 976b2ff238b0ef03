import type {ReactNode} from 'react';
import RepoLink from '@site/src/components/RepoLink';

export interface Props {
  /** Folder under examples/, e.g. "02-docker-layer". */
  folder: string;
}

/** "The finished code is in examples/<folder>/", linked into the repository. */
export default function ExampleFolder({folder}: Props): ReactNode {
  return (
    <p>
      The finished code for this part is the folder{' '}
      <RepoLink path={`examples/${folder}`}>
        <code>examples/{folder}/</code>
      </RepoLink>
      : a complete layer you can copy on its own.
    </p>
  );
}
