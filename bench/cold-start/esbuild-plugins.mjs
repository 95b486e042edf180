// esbuild plugins that let tree shaking drop what a function never calls. Both are build-time rewrites
// with the same meaning; neither changes runtime behaviour.
import { readFile } from 'node:fs/promises';

/**
 * AWS SDK schema modules (dist-es/schemas/schemas_0.js) key their trait objects with module constants
 * (`{ [_xN]: "vpnConnectionSet" }`). A computed key might call toString(), so esbuild keeps every schema
 * object: the whole EC2 model (about 550 KB minified) lands in any bundle that sends one EC2 command.
 * Replacing each computed key by the string constant it names makes those objects pure again.
 */
export const smithySchemaKeys = {
  name: 'smithy-schema-keys',
  setup(build) {
    build.onLoad(
      { filter: /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/ },
      async (args) => {
        const source = await readFile(args.path, 'utf8');
        const constants = new Map();
        for (const match of source.matchAll(/^const (_\w+) = ("[^"\\\n]*");$/gm))
          constants.set(match[1], match[2]);
        const contents = source.replace(/\[(_\w+)\]:/g, (whole, name) =>
          constants.has(name) ? `${constants.get(name)}:` : whole,
        );
        return { contents, loader: 'js' };
      },
    );
  },
};

/**
 * `import { z } from 'zod'` binds the whole zod namespace object (about 450 KB minified, every locale
 * included); `import * as z from 'zod'` lets esbuild keep only the functions used (about 90 KB). Project
 * sources written the first way are read the second way.
 */
export const zodNamespaceImport = {
  name: 'zod-namespace-import',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes('node_modules')) return undefined;
      const source = await readFile(args.path, 'utf8');
      if (!/import \{ z \} from 'zod';/.test(source)) return undefined;
      return {
        contents: source.replace(/import \{ z \} from 'zod';/g, "import * as z from 'zod';"),
        loader: 'ts',
      };
    });
  },
};

export const plugins = [smithySchemaKeys, zodNamespaceImport];
export default plugins;
