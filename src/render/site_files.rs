//! Files around the pages: 404, sitemap, robots.txt, .nojekyll, CNAME, theme and content assets.

use super::SiteContext;
use super::theme::STATIC_DIR;
use crate::codes::Code;
use crate::diagnostics::Diagnostic;
use crate::markdown::escape;
use crate::output::OutputFile;

pub fn all(ctx: &SiteContext<'_>) -> Result<Vec<OutputFile>, Diagnostic> {
    let mut files = vec![not_found(ctx)?, OutputFile::new(".nojekyll", Vec::new())];
    if super::about::link(&ctx.config.about, "").is_some() {
        files.push(super::about::file(ctx)?);
    }
    for (name, bytes) in &ctx.theme.static_files {
        files.push(OutputFile::new(
            format!("{STATIC_DIR}/{name}"),
            bytes.clone(),
        ));
    }
    for asset in &ctx.guide.assets {
        files.push(OutputFile::copy(
            asset.rel_path.clone(),
            asset.source.clone(),
        ));
    }
    if let Some(cname) = &ctx.config.site.cname {
        files.push(OutputFile::new(
            "CNAME",
            format!("{}\n", cname.trim()).into_bytes(),
        ));
    }
    if let Some(url) = &ctx.site_url {
        files.push(OutputFile::new(
            "sitemap.xml",
            sitemap(ctx, url).into_bytes(),
        ));
        files.push(OutputFile::new(
            "robots.txt",
            format!("User-agent: *\nAllow: /\nSitemap: {url}sitemap.xml\n").into_bytes(),
        ));
    }
    Ok(files)
}

/// 404.html is served at any address, so its links are absolute from the base path.
fn not_found(ctx: &SiteContext<'_>) -> Result<OutputFile, Diagnostic> {
    let mut context = tera::Context::new();
    context.insert("site", &super::site_view(ctx, ctx.base_path.clone()));
    context.insert("nav", &Vec::<super::views::NavItem<'_>>::new());
    let html =
        ctx.theme.tera.render("404.html", &context).map_err(|e| {
            Diagnostic::error(Code::Template, format!("template 404.html failed: {e}"))
        })?;
    Ok(OutputFile::new("404.html", html.into_bytes()))
}

fn sitemap(ctx: &SiteContext<'_>, url: &str) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for &p in &ctx.guide.reading_order {
        let page = &ctx.guide.pages[p];
        xml.push_str(&format!(
            "  <url><loc>{}</loc>",
            escape(&format!("{url}{}", page.url))
        ));
        if let Some(date) = page.front.reviewed {
            xml.push_str(&format!("<lastmod>{}</lastmod>", date.iso()));
        }
        xml.push_str("</url>\n");
    }
    if super::about::link(&ctx.config.about, "").is_some() {
        let about = format!("{url}{}", super::about::ABOUT_FILE);
        xml.push_str(&format!("  <url><loc>{}</loc></url>\n", escape(&about)));
    }
    xml.push_str("</urlset>\n");
    xml
}
