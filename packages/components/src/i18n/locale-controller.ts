import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { localeContext } from '../provider/contexts.js';
import { defaultLocale, matchLocale, type Locale } from './locales.js';
import { translate, type MessageKey } from './translate.js';

type Host = ReactiveControllerHost & HTMLElement;

/** The nearest `lang` attribute, looking through shadow roots up to the document. */
function inheritedLang(element: Element): string | undefined {
  let node: Node | null = element.parentNode;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang') ?? undefined;
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return undefined;
}

const documentLangHosts = new Set<Host>();
let documentLangObserver: MutationObserver | undefined;

/** One observer for the whole page: when a HIS switches `<html lang>`, every Shifo component re-renders. */
function watchDocumentLang(host: Host): void {
  documentLangHosts.add(host);
  if (documentLangObserver) return;
  documentLangObserver = new MutationObserver(() => documentLangHosts.forEach((h) => h.requestUpdate()));
  documentLangObserver.observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['lang'],
    subtree: true,
  });
}

/**
 * Resolves the language of one component: its own `lang`, else the provider's `locale`, else the nearest
 * ancestor's `lang`, else Uzbek. Re-renders the host when any of them changes.
 */
export class LocaleController implements ReactiveController {
  private readonly provided: ContextConsumer<typeof localeContext, Host>;
  /** Resolved once per update: `t()` runs per string, and walking up the page each time showed in profiles. */
  private resolved: Locale | undefined;

  constructor(private readonly host: Host) {
    host.addController(this);
    this.provided = new ContextConsumer(host, { context: localeContext, subscribe: true });
  }

  hostConnected(): void {
    watchDocumentLang(this.host);
  }

  hostDisconnected(): void {
    documentLangHosts.delete(this.host);
  }

  hostUpdate(): void {
    this.resolved = this.resolve();
  }

  get locale(): Locale {
    return this.resolved ?? this.resolve();
  }

  private resolve(): Locale {
    return (
      matchLocale(this.host.getAttribute('lang')) ??
      this.provided.value ??
      matchLocale(inheritedLang(this.host)) ??
      defaultLocale
    );
  }

  /** The message for `key` in this component's language (an arrow function, so it can be destructured). */
  readonly t = (key: MessageKey, params?: Record<string, string | number>): string =>
    translate(this.locale, key, params);
}
