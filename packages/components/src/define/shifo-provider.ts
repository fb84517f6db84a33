import { ContextRoot } from '@lit/context';
import { ShifoProvider } from '../provider/shifo-provider.js';

declare global {
  interface HTMLElementTagNameMap {
    'shifo-provider': ShifoProvider;
  }
}

if (!customElements.get('shifo-provider')) {
  // Components that upgrade before their provider keep their context request pending until it arrives.
  new ContextRoot().attach(document.documentElement);
  customElements.define('shifo-provider', ShifoProvider);
}
