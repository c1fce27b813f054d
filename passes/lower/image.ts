// Pass — lower:image: the image a service built from source runs. Nothing builds images in a
// cluster, so such a service runs the image CI built and pushed beforehand, under the name
// Compose gives the images it builds, `<registry>/<project>-<service>[:<tag>]`
// (passes/support/images.ts). Without a registry the name would be looked up on Docker Hub,
// where anyone could own it, so the service is refused instead.
//
// A service whose bind-mounted files lower:files baked (they do not fit annotations) then runs
// its derived image, FROM the image named here (passes/support/derived-images.ts).
//
// The reference converter ignores `build` (the key table's `reference` column), so under
// --strict a service built from source has no image, as there.

import type { YamlPath } from '../../src/base/source.js';
import type { PassContext } from '../context.js';
import type { LoweringIR, ServiceIR } from '../ir.js';
import { referenceOutcome } from '../keys.js';
import { derivedImage } from '../support/derived-images.js';
import { builtImageName, decideProjectName, localImageUnderRegistry, namesRegistry } from '../support/images.js';

export function lowerImage(ir: LoweringIR, ctx: PassContext): LoweringIR {
  const buildIgnored = referenceOutcome('service', 'build', ctx.options.strict) === 'ignore';
  // Decided as `compose2agent images` decides it, so the plan CI pushes by and the values agree.
  const project = decideProjectName(ir.projectName, ctx.file.path, ctx.project);
  return {
    ...ir,
    services: ir.services.map((s) => {
      const named = !s.image ? withBuiltImage(s, project, buildIgnored, ctx) : s.builtImage ? withNamedBuiltImage(s, s.image, ctx) : s;
      return withDerivedImage(named, project, ctx);
    }),
  };
}

/** The project name an image is named under; when there is none, C2A212 at the key that needs it. */
function projectFor(project: string | undefined, at: YamlPath, ctx: PassContext): string | undefined {
  if (project === undefined) ctx.report('C2A212', { path: at, key: true }, { file: ctx.file.path });
  return project;
}

/**
 * A service whose bind-mounted files lower:files baked (they do not fit annotations) runs a
 * derived image: FROM its own image, as just named (a built service's pushed name), with the
 * files copied in, pushed under --image-registry (lower:files bakes only when one is given).
 */
function withDerivedImage(service: ServiceIR, projectName: string | undefined, ctx: PassContext): ServiceIR {
  const mounts = service.k8s.bakedMounts;
  const registry = ctx.options.imageRegistry;
  if (!mounts || !registry || !service.image || service.image.value === '') return service;
  const project = projectFor(projectName, service.image.path, ctx);
  if (project === undefined) return service;
  const derived = derivedImage({ project, service: service.name, registry, base: service.image.value, context: mounts[0]!.context, mounts });
  ctx.report('C2A218', { path: service.image.path, key: true }, { service: service.name, image: derived.name, base: derived.base, mounts: mounts.length });
  return { ...service, image: { value: derived.name, path: service.image.path }, k8s: { ...service.k8s, derivedImage: derived } };
}

/**
 * A service with both `image` and `build`: Compose builds the image and tags it with that
 * name; the cluster can only pull it. A name on a registry is pulled from there (a warning:
 * it must have been pushed). A local name would be pulled from Docker Hub, where anyone may
 * own it: as for build-only services, it is refused without --image-registry and otherwise
 * moved under that registry, where CI pushes it (`compose2agent images` names it alike).
 */
function withNamedBuiltImage(service: ServiceIR, image: NonNullable<ServiceIR['image']>, ctx: PassContext): ServiceIR {
  const at = { path: [...service.path, 'build'], key: true } as const;
  if (namesRegistry(image.value)) {
    ctx.report('C2A043', at, { service: service.name, image: image.value });
    return service;
  }
  const moved = localImageUnderRegistry(image.value, ctx.options);
  if (moved === undefined) {
    ctx.report('C2A214', at, { service: service.name, image: image.value });
    return service;
  }
  ctx.report('C2A215', at, { service: service.name, image: moved, local: image.value });
  return { ...service, image: { value: moved, path: image.path } };
}

function withBuiltImage(service: ServiceIR, projectName: string | undefined, buildIgnored: boolean, ctx: PassContext): ServiceIR {
  if (!service.builtImage || buildIgnored) {
    ctx.report('C2A042', service.path, { service: service.name });
    return service;
  }
  const at = [...service.path, 'build'];
  if (!ctx.options.imageRegistry) {
    ctx.report('C2A044', { path: at, key: true }, { service: service.name });
    return service;
  }
  const project = projectFor(projectName, at, ctx);
  if (project === undefined) return service;
  const image = builtImageName(project, service.name, ctx.options);
  ctx.report('C2A041', { path: at, key: true }, { service: service.name, image });
  return { ...service, image: { value: image, path: at } };
}
