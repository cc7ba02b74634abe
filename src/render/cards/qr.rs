//! QR codes for step cards, drawn as SVG at build time (no network).

use qrcode::QrCode;
use qrcode::render::svg;

/// An inline SVG QR code for `url`, or `None` if the URL is too long to encode.
pub fn svg_for(url: &str) -> Option<String> {
    let code = QrCode::new(url.as_bytes()).ok()?;
    let image = code
        .render::<svg::Color<'_>>()
        .quiet_zone(true)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build();
    let start = image.find("<svg")?;
    Some(image[start..].replacen("<svg", "<svg class=\"step-card__qr\" role=\"img\" aria-label=\"QR code linking to this technique online\"", 1))
}

#[cfg(test)]
mod tests {
    #[test]
    fn makes_an_inline_svg() {
        let svg = super::svg_for("https://example.org/techniques/a.html").unwrap();
        assert!(svg.starts_with("<svg class=\"step-card__qr\""), "{svg}");
        assert!(svg.contains("<path") || svg.contains("<rect"), "{svg}");
    }
}
