// The payment page as a QR code, drawn locally (nothing leaves the counter to render it).
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useT } from '../i18n/locale';

/** Bitmap width; shown at 320–400 CSS px, so it stays sharp on a 1.5× screen. */
const QR_BITMAP_PX = 480;

type Drawn = { url: string; dataUrl: string } | { url: string; failed: true };

/** `bitmapPx`: a larger bitmap for a large screen (the customer display), so the QR stays sharp. */
export function InvoiceQr({ url, bitmapPx = QR_BITMAP_PX, className = 'qr' }: { url: string | null; bitmapPx?: number; className?: string }) {
  const t = useT();
  const [drawn, setDrawn] = useState<Drawn | null>(null);

  useEffect(() => {
    if (!url) return;
    let current = true;
    QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 4, width: bitmapPx })
      .then((dataUrl) => current && setDrawn({ url, dataUrl }))
      .catch(() => current && setDrawn({ url, failed: true }));
    return () => {
      current = false;
    };
  }, [url, bitmapPx]);

  if (!url) {
    return <div className={`${className} qr--placeholder`}>{t('qr.creating')}</div>;
  }
  if (!drawn || drawn.url !== url) {
    return <div className={`${className} qr--placeholder`}>{t('qr.drawing')}</div>;
  }
  if ('failed' in drawn) {
    return <div className={`${className} qr--placeholder`}>{t('qr.failed', { url })}</div>;
  }
  return <img className={className} src={drawn.dataUrl} width={bitmapPx} height={bitmapPx} alt={t('qr.alt')} />;
}
