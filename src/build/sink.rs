//! Where a writing build puts what it renders. Pages, the search index and the handout go
//! into a staging folder as the pass renders them (so a large guide is never held in
//! memory); once every check has passed, the rest of the site is written and the folder
//! replaces the output. A build whose checks fail drops its sink, and with it the staging
//! folder: the previous output stays as it was.

use super::setup::Markdown;
use super::{Failure, Timer};
use crate::codes::Code;
use crate::content::{PageId, PerPage};
use crate::diagnostics::Diagnostic;
use crate::markdown::{CardParts, PageFacts};
use crate::output::{OutputFile, Staging};
use crate::render::print::{Handout, PrintError, Shell};
use crate::render::search::SearchWriter;
use crate::render::{self, SiteContext};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// What a build does with the pages it renders.
pub(super) enum Mode {
    /// Render and check only: `carebook check`, or a build whose content already has errors.
    Check,
    /// Write the site too.
    Write(Box<Sink>),
}

/// The staging folder and the files written across the pass, in reading order.
pub(super) struct Sink {
    dest: PathBuf,
    pub(super) staging: Staging,
    pub(super) search: SearchWriter,
    /// The print handout, when `[print]` is on.
    pub(super) handout: Option<Handout>,
}

/// What a finished sink wrote, for the build summary.
pub(super) struct Written {
    pub(super) dest: PathBuf,
    /// Files besides the pages.
    pub(super) files: usize,
    pub(super) html_bytes: usize,
    pub(super) search_index_bytes: usize,
}

impl Sink {
    /// Take the output's staging folder and start the search index and the handout (from
    /// its outline, `shell`).
    pub(super) fn open(
        dest: &Path,
        ctx: &SiteContext<'_>,
        shell: Option<Shell>,
    ) -> Result<Sink, Failure> {
        let failed = |e| io_failure(dest, e);
        let staging = Staging::create(dest).map_err(failed)?;
        let search = SearchWriter::start(ctx.guide, &staging).map_err(failed)?;
        let handout = match shell {
            Some(shell) => Some(shell.start(ctx, &staging).map_err(failed)?),
            None => None,
        };
        Ok(Sink {
            dest: dest.to_path_buf(),
            staging,
            search,
            handout,
        })
    }

    /// Finish the search index and the handout, write the cards and site files, and swap
    /// the staging folder in for the output.
    pub(super) fn finish(
        self,
        ctx: &SiteContext<'_>,
        markdown: &Markdown<'_>,
        (facts, cards): (PerPage<PageFacts>, PerPage<CardParts>),
        timer: &mut Timer,
    ) -> Result<Written, Failure> {
        let Sink {
            dest,
            staging,
            search,
            handout,
        } = self;
        let failed = |e| io_failure(&dest, e);
        let search_index_bytes = search.finish(ctx, &facts).map_err(failed)?;
        drop(facts);
        timer.lap("search index");
        let (mut files, mut html_bytes) = other_files(ctx, &cards, &staging)?;
        drop(cards);
        timer.lap("cards and site files");
        if let Some(handout) = handout {
            let body = |p: PageId| markdown.print.render(p).html;
            html_bytes += handout
                .finish(ctx, markdown.print_mode, &body, &staging)
                .map_err(print_failure)?;
            files += 1;
            timer.lap("print handout");
        }
        staging.commit().map_err(failed)?;
        timer.lap("swap");
        Ok(Written {
            dest,
            files: files + 1,
            html_bytes,
            search_index_bytes,
        })
    }
}

/// Write the site files and step cards into `staging`: how many, and the bytes of HTML.
fn other_files(
    ctx: &SiteContext<'_>,
    cards: &PerPage<CardParts>,
    staging: &Staging,
) -> Result<(usize, usize), Failure> {
    let one = |d: Diagnostic| Failure::Config(vec![d]);
    let mut files = render::site_files::all(ctx).map_err(one)?;
    files.extend(render::cards::files(ctx, cards).map_err(one)?);
    let html_bytes = files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .map(OutputFile::len)
        .sum::<usize>();
    files
        .par_iter()
        .try_for_each(|f| staging.write(f))
        .map_err(|e| {
            Failure::Io(Diagnostic::error(
                Code::Io,
                format!("cannot write the site: {e}"),
            ))
        })?;
    Ok((files.len(), html_bytes))
}

/// A template problem in the handout is the theme's; anything else is a write failure.
pub(super) fn print_failure(e: PrintError) -> Failure {
    match e {
        PrintError::Template(d) => Failure::Config(vec![d]),
        PrintError::Io(e) => Failure::Io(Diagnostic::error(
            Code::Io,
            format!("cannot write the print handout: {e}"),
        )),
    }
}

pub(super) fn io_failure(dest: &Path, e: std::io::Error) -> Failure {
    Failure::Io(Diagnostic::error(
        Code::Io,
        format!("cannot write the site to `{}`: {e}", dest.display()),
    ))
}
