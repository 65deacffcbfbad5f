import preact from '@preact/preset-vite';
import { knowledgeEntries } from '@unknot/core';
import { defaultClientConditions, defaultServerConditions, defineConfig, type Plugin } from 'vite';
import { sourceCondition } from '../../scripts/source-condition.ts';
import { VitePWA } from 'vite-plugin-pwa';
import { markClinicOnlyFiles } from './build/clinic-chunks.ts';
import { precompress } from './build/compress.ts';
import { iconFiles } from './build/png.ts';
import { manifestColours, themeColour } from './src/theme-colours.ts';
import { t } from './src/strings.ts';

/**
 * Every build environment (the app, and the prerender of the first screen) bundles core from its TypeScript
 * sources; its package exports dist/ to everyone else.
 */
function sourceConditions(): Plugin {
  return {
    name: 'unknot:source-conditions',
    configEnvironment(_name, config) {
      const defaults = config.consumer === 'server' ? defaultServerConditions : defaultClientConditions;
      return { resolve: { conditions: [sourceCondition, ...(config.resolve?.conditions ?? defaults)] } };
    },
  };
}

/** Where `npm run dev` sends /api: the server as `npm start` runs it. */
const apiServer = 'http://127.0.0.1:3000';

/** The PNG icons, drawn at build time (build/png.ts) and served by the dev server. */
function icons(): Plugin {
  return {
    name: 'unknot:icons',
    generateBundle() {
      for (const [name, draw] of Object.entries(iconFiles)) {
        this.emitFile({ type: 'asset', fileName: `icons/${name}`, source: draw() });
      }
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const draw = req.url?.startsWith('/icons/') ? iconFiles[req.url.slice('/icons/'.length)] : undefined;
        if (!draw) {
          next();
          return;
        }
        res.setHeader('content-type', 'image/png');
        res.end(draw());
      });
    },
  };
}

/** The page's title, description and language come from the strings module too (`%UNKNOT_…%` in index.html). */
function htmlStrings(): Plugin {
  const values: Record<string, string> = {
    UNKNOT_TITLE: t.app.name,
    UNKNOT_DESCRIPTION: t.app.description,
    UNKNOT_LANG: t.lang,
    UNKNOT_THEME_LIGHT: themeColour.light,
    UNKNOT_THEME_DARK: themeColour.dark,
  };
  return {
    name: 'unknot:html-strings',
    transformIndexHtml: (html) =>
      html.replace(/%(UNKNOT_[A-Z_]+)%/g, (match, key: string) => values[key] ?? match),
  };
}

/**
 * `virtual:unknot/rule-cards`: triage rule id → the warning-sign card (rf-*) that explains it, computed here so
 * the result screen can link to the library without shipping the knowledge base in the first bundle.
 */
function ruleCards(): Plugin {
  const id = 'virtual:unknot/rule-cards';
  const resolved = `\0${id}`;
  return {
    name: 'unknot:rule-cards',
    resolveId: (source) => (source === id ? resolved : undefined),
    load(loading) {
      if (loading !== resolved) return undefined;
      const cards: Record<string, string> = {};
      for (const entry of knowledgeEntries)
        for (const rule of entry.triage_rules ?? []) cards[rule] ??= entry.id;
      return `export const ruleCards = ${JSON.stringify(cards)};`;
    },
  };
}

/**
 * preact-render-to-string is only used at build time, by `prerender()` in main.tsx (through a dynamic import, so
 * it stays out of the first bundle). Once the page is prerendered its chunk is dropped from the output: no
 * browser ever loads it, so it should not be shipped or precached.
 */
function dropBuildOnlyChunks(): Plugin {
  return {
    name: 'unknot:drop-build-only-chunks',
    apply: 'build',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const [name, output] of Object.entries(bundle)) {
          if (
            output.type === 'chunk' &&
            output.moduleIds.some((id) => id.includes('preact-render-to-string'))
          ) {
            Reflect.deleteProperty(bundle, name);
          }
        }
      },
    },
  };
}

/** Filled by the build (build/clinic-chunks.ts) before the service worker is generated. */
const clinicOnly = new Set<string>();

export default defineConfig({
  plugins: [
    preact({
      // The first screen (welcome) is rendered into index.html at build time, so it paints before any script runs.
      prerender: { enabled: true, renderTarget: '#app' },
    }),
    sourceConditions(),
    htmlStrings(),
    icons(),
    ruleCards(),
    VitePWA({
      strategies: 'generateSW',
      // Registered from our own bundle (src/lib/service-worker.ts): the CSP allows no inline script.
      injectRegister: false,
      registerType: 'autoUpdate',
      manifest: {
        name: t.app.name,
        short_name: t.app.shortName,
        description: t.app.description,
        lang: 'en',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: manifestColours.background,
        theme_color: manifestColours.theme,
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The app shell: every script, style, page, icon. Nothing under /api is ever cached (health data;
        // the outbox in IndexedDB is the offline store for writes).
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // …but not clinic mode's own files: personal mode never downloads them, not even into this cache.
        manifestTransforms: [
          (entries) => ({ manifest: entries.filter((e) => !clinicOnly.has(e.url)), warnings: [] }),
        ],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/healthz/],
        // Clinic mode keeps its own files for offline use once it has loaded them (hashed names: never stale).
        runtimeCaching: [
          {
            urlPattern: /\/assets\/[^/]+\.(?:js|css)$/,
            handler: 'CacheFirst',
            options: { cacheName: 'unknot-clinic-assets', expiration: { maxEntries: 100 } },
          },
        ],
        cleanupOutdatedCaches: true,
        sourcemap: false,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
    dropBuildOnlyChunks(),
    markClinicOnlyFiles(clinicOnly),
    precompress(),
  ],
  resolve: {
    // npm hoists preact 11 for peer dependencies; one copy of preact (this package's) for everything.
    dedupe: ['preact', '@preact/signals', 'preact-iso', 'preact-render-to-string'],
  },
  build: {
    target: 'es2022',
    manifest: true,
    sourcemap: false,
    rolldownOptions: {
      treeshake: {
        // @unknot/core is pure (no module runs code for its effects), so whatever a screen does not use is
        // left out of its chunk — above all the knowledge base, which only Learn, Plan and Diary need.
        moduleSideEffects: [{ test: /packages[\\/]core[\\/]src[\\/]/, sideEffects: false }],
      },
    },
  },
  server: {
    proxy: {
      '/api': {
        target: apiServer,
        // The server takes requests only for its own host, and writes only from its own origin. The app here is
        // that server's app served from another port, so what comes from the dev server's own origin goes on as
        // the server's own; any other page keeps its Origin (and Sec-Fetch-Site) and is still refused. Foreign
        // Host names never get this far: Vite's allowedHosts turns them away.
        changeOrigin: true,
        configure: (proxy) => {
          proxy.on('proxyReq', (proxyReq, request) => {
            if (request.headers.origin === `http://${request.headers.host ?? ''}`) {
              proxyReq.setHeader('origin', apiServer);
            }
          });
        },
      },
    },
  },
});
