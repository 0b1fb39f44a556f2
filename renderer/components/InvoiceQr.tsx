// The payment page as a QR code, drawn locally (nothing leaves the counter to render it).
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** Bitmap width; shown at 320–400 CSS px, so it stays sharp on a 1.5× screen. */
const QR_BITMAP_PX = 480;

type Drawn = { url: string; dataUrl: string } | { url: string; failed: true };

export function InvoiceQr({ url }: { url: string | null }) {
  const [drawn, setDrawn] = useState<Drawn | null>(null);

  useEffect(() => {
    if (!url) return;
    let current = true;
    QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 4, width: QR_BITMAP_PX })
      .then((dataUrl) => current && setDrawn({ url, dataUrl }))
      .catch(() => current && setDrawn({ url, failed: true }));
    return () => {
      current = false;
    };
  }, [url]);

  if (!url) {
    return <div className="qr qr--placeholder">Creating invoice…</div>;
  }
  if (!drawn || drawn.url !== url) {
    return <div className="qr qr--placeholder">Drawing QR code…</div>;
  }
  if ('failed' in drawn) {
    return (
      <div className="qr qr--placeholder">
        The QR code could not be drawn. Let the customer open the payment page: {url}
      </div>
    );
  }
  return (
    <img
      className="qr"
      src={drawn.dataUrl}
      width={QR_BITMAP_PX}
      height={QR_BITMAP_PX}
      alt="QR code for the payment page"
    />
  );
}
