import { fileURLToPath } from 'node:url'
import type { StorybookConfig } from '@storybook/react-vite'

const root = fileURLToPath(new URL('../../../', import.meta.url))

const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['../stories/*.stories.tsx'],
  // Docs pages render every story of a file at once: the case where each story still needs its own mock.
  addons: ['@storybook/addon-docs'],
  // The worker script (heymarket-mock init examples/storybook/public) and the presets, served as files.
  staticDirs: ['../public', { from: '../../../fixtures', to: '/presets' }],
  core: { disableTelemetry: true },
  // Component docs are not what this example shows; skipping them halves the build.
  typescript: { reactDocgen: false },
  async viteFinal(viteConfig) {
    viteConfig.resolve ??= {}
    viteConfig.resolve.alias = [
      { find: /^heymarket-mock\/storybook$/, replacement: `${root}dist/storybook.js` },
      { find: /^heymarket-mock$/, replacement: `${root}dist/index.js` },
      ...(Array.isArray(viteConfig.resolve.alias) ? viteConfig.resolve.alias : []),
    ]
    return viteConfig
  },
}

export default config
