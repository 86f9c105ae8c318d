// The frame of the waiting-room screens (the kiosk and the display board): no site header, footer, staff link
// or navigation, since a kiosk must not lead anywhere else and a board is read from across the room. The page
// is still a complete document (language, title, the theme's stylesheet, one main landmark).
import type { ComponentChildren } from 'preact';
import { usePage } from '../platform/views/context.ts';

export function ScreenLayout({
  title,
  mode,
  head,
  children,
}: {
  title: string;
  /** "kiosk" (touch screen at the entrance) or "board" (the waiting room's display). */
  mode: 'kiosk' | 'board';
  head?: ComponentChildren;
  children: ComponentChildren;
}) {
  const { lang, assets } = usePage();
  return (
    <html lang={lang} class={`utrecht-html irisdesk-theme queues-screen-html queues-screen-html--${mode}`} dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${title} – IrisDesk`}</title>
        <link rel="icon" href={assets.icon} type="image/svg+xml" />
        {/* The typeface is preloaded as on the public pages (the kiosk's first screen is drawn in it at once). */}
        {assets.font && <link rel="preload" href={assets.font} as="font" type="font/woff2" crossOrigin="anonymous" />}
        <link rel="stylesheet" href={assets.css} />
        <script src={assets.js} defer />
        {head}
      </head>
      <body class={`utrecht-body queues-screen queues-screen--${mode}`}>
        <main id="main" class="queues-screen__main" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}
