/** The <img> tags of an MDX page, for the checks on how images are embedded. */

export interface ImgTag {
  src: string;
  alt?: string;
  width?: number;
  height?: number;
}

/** <img> tags in an MDX source, with their literal attributes (strings or {numbers}). */
export function imgTags(source: string): ImgTag[] {
  return [...source.matchAll(/<img\b([^>]*?)\/?>/g)].map((m) => {
    const attrs: Record<string, string> = {};
    for (const a of m[1].matchAll(/(\w+)=(?:"([^"]*)"|\{(\d+)\})/g)) attrs[a[1]] = a[2] ?? a[3];
    return {
      src: attrs.src ?? '',
      alt: attrs.alt,
      width: attrs.width ? Number(attrs.width) : undefined,
      height: attrs.height ? Number(attrs.height) : undefined,
    };
  });
}
