//! Ways around the red-flag rules that the audit found: a sign sent to a lower level of care in
//! raw HTML, a forged care card, a table row, a footnote, a `<details>`, and signs spelt with
//! invisible or look-alike characters. Each, added to a copy of the shipped guide, must fail
//! the build with `red-flag-under-graded` on the line where the sign is.

mod common;
use common::BookTest;

/// Add `body` to the shipped guide's prevention page and check it.
fn with_text(body: &str) -> (common::Run, usize) {
    let book = BookTest::shipped_guide();
    let page = book.read("content/prevention.md");
    let line = page.lines().count() + 2;
    book.write("content/prevention.md", &format!("{page}\n{body}\n"));
    (book.run(&["check", "--format", "json"]), line)
}

/// The lines of prevention.md where `code` is reported.
fn lines_of(run: &common::Run, code: &str) -> Vec<u64> {
    run.stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|d| d["code"] == code && d["file"] == "content/prevention.md")
        .filter_map(|d| d["line"].as_u64())
        .collect()
}

#[track_caller]
fn under_graded_at(body: &str, sign_line: usize) {
    let (run, first) = with_text(body);
    let lines = lines_of(&run, "red-flag-under-graded");
    assert_eq!(run.code, 1, "{body}\n{}", run.stdout);
    assert!(
        lines.contains(&((first + sign_line) as u64)),
        "{body}: the sign is on line {}, found {lines:?}\n{}",
        first + sign_line,
        run.stdout
    );
}

#[test]
fn a_raw_html_list_under_a_see_a_gp_lead_in() {
    under_graded_at(
        "See a GP if:\n\n<ul>\n<li>you cannot control your bladder</li>\n</ul>",
        3,
    );
    under_graded_at(
        "<p>Book an appointment with your GP if:</p>\n<ul><li>you have numbness in both legs</li></ul>",
        1,
    );
}

#[test]
fn a_forged_care_card_in_raw_html() {
    under_graded_at(
        "<div class=\"care-card care-card--see-gp\">\n<h3>See a GP if:</h3>\n<ul><li>you cannot control your bladder</li></ul>\n</div>",
        2,
    );
}

#[test]
fn a_forged_card_never_looks_like_one() {
    let book = BookTest::shipped_guide();
    let page = book.read("content/prevention.md");
    book.write(
        "content/prevention.md",
        &format!("{page}\n<div class=\"care-card care-card--emergency\" role=\"alert\" aria-hidden=\"true\"><p class=\"callout__heading\">Fine to carry on</p></div>\n"),
    );
    book.run(&["build"]).assert_code(0);
    let html = book.read("public/prevention.html");
    let main = html.split("<main").nth(1).unwrap();
    for forged in [
        "care-card",
        "callout__heading",
        "role=\"alert\"",
        "aria-hidden=\"true\"><p",
    ] {
        assert!(!main.contains(forged), "{forged} survived");
    }
    assert!(main.contains("Fine to carry on"));
}

#[test]
fn a_table_row_with_the_sign_and_the_referral_in_different_cells() {
    under_graded_at(
        "| What you notice | What to do |\n|---|---|\n| You cannot control your bladder | See a GP |",
        2,
    );
    // The header row says where to go; the body row names the sign.
    under_graded_at(
        "| Sign | See a GP if you have |\n|---|---|\n| A | numbness in both legs |",
        2,
    );
}

#[test]
fn a_footnote_that_holds_the_sign_or_the_referral() {
    under_graded_at(
        "See a GP if this happens to you.[^warn]\n\n[^warn]: You cannot control your bladder.",
        2,
    );
    under_graded_at(
        "You may have numbness in both legs.[^what]\n\n[^what]: If so, see a GP.",
        0,
    );
}

#[test]
fn a_details_element_whose_summary_says_see_a_gp() {
    under_graded_at(
        "<details>\n<summary>See a GP</summary>\n<p>You cannot control your bladder.</p>\n</details>",
        2,
    );
    under_graded_at(
        "<details><summary>See a GP if:</summary>\n\n- you cannot control your bladder\n\n</details>",
        2,
    );
}

#[test]
fn signs_spelt_with_invisible_or_look_alike_characters() {
    for spelt in [
        "blad&shy;der",
        "blad\u{ad}der",
        "blad\u{200b}der",
        "bla\u{200d}dder",
        "bl\u{0430}dder",
        "\u{0432}ladder".replace('\u{0432}', "b").as_str(),
        "ｂｌａｄｄｅｒ",
    ] {
        under_graded_at(&format!("See a GP if you cannot control your {spelt}."), 0);
    }
}

#[test]
fn a_multi_byte_character_earlier_in_the_line_keeps_the_column() {
    // `İ` is longer in bytes once lowercased, which once sent the column to the line's start.
    let (run, _) = with_text("İzmir and Café owners: see a GP if you cannot control your bladder.");
    let d = run
        .stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|d| d["code"] == "red-flag-under-graded")
        .expect("reported");
    let col = d["column"].as_u64().unwrap() as usize;
    let line = d["source_line"].as_str().unwrap();
    let at: String = line.chars().skip(col - 1).take(20).collect();
    assert_eq!(at, "control your bladder", "{d}");
}

#[test]
fn a_table_row_whose_cells_end_with_full_stops() {
    under_graded_at(
        "| What you notice | What to do |\n|---|---|\n| You cannot control your bladder. | See a GP. |",
        2,
    );
}

#[test]
fn a_raw_html_table_row() {
    under_graded_at(
        "<table>\n<tr><td>You cannot control your bladder</td><td>See a GP</td></tr>\n</table>",
        1,
    );
    under_graded_at(
        "<table>\n<tr><th>See a GP if you have</th></tr>\n<tr><td>numbness in both legs</td></tr>\n</table>",
        2,
    );
}

#[test]
fn a_raw_html_lead_in_holding_its_list() {
    under_graded_at(
        "<div>See a GP if:<ul><li>you cannot control your bladder</li></ul></div>",
        0,
    );
    under_graded_at(
        "<p>See a GP if:<ul><li>you cannot control your bladder</li></ul>",
        0,
    );
}

#[test]
fn an_abbreviation_between_the_referral_and_the_sign() {
    under_graded_at(
        "See a GP about new problems, e.g. you cannot control your bladder.",
        0,
    );
}

#[test]
fn a_lower_level_in_other_words_a_delay_a_hedge_or_a_negation() {
    for sentence in [
        "Mention it to your doctor if you cannot control your bladder.",
        "Ask a physiotherapist about losing control of your bowels.",
        "Book a GP appointment if you have numbness in your genitals.",
        "If you cannot control your bladder, wait and see for a few weeks.",
        "If you lose control of your bladder and it does not settle, call 999.",
        "Call 999 if you lose bladder control for a few days.",
        "You might want to call 999 if you cannot control your bladder.",
        "You do not need to call 999 if you cannot control your bladder.",
        "Losing bladder control is rarely an emergency.",
        "If you lose control of your bladder, see an osteopath.",
        "A new lump on your spine is often a harmless fatty lump, so keep an eye on it.",
        "Lost feeling in your backside or between your legs? Ask your pharmacist for advice.",
        "If your legs are both tingling, keep an eye on it and only call 111 if it spreads.",
        "If you cannot pee, it is unlikely to be serious, so try drinking more water before calling 999.",
    ] {
        under_graded_at(sentence, 0);
    }
}

#[test]
fn triage_written_as_nhs_pages_write_it_passes() {
    for sentence in [
        "Call 999 straight away if you cannot control your bladder. Do not wait and see.",
        "Do not hesitate to call 999 if you cannot control your bladder.",
        "If you cannot control your bladder, do not wait for a GP appointment: call 999.",
        "If you cannot control your bladder, call 999 or go to A&E, even in the middle of the night.",
        "See a GP if your back pain has not got better after a few weeks.",
        "Do not wait for your next appointment: call 999 if you cannot control your bladder.",
        "You do not need to see a GP for most back pain, but call 999 if you cannot pee.",
    ] {
        let (run, line) = with_text(sentence);
        let found = lines_of(&run, "red-flag-under-graded");
        assert!(
            !found.contains(&(line as u64)),
            "{sentence}\n{}",
            run.stdout
        );
    }
}

#[test]
fn a_red_flag_in_other_words_or_other_forms() {
    for sentence in [
        "See a GP if you have trouble getting to the toilet in time.",
        "See a GP if you wet yourself.",
        "Book a GP appointment if you feel numb in your bottom when you wipe.",
        "Talk to your doctor about numbness in your genital area.",
        "See a GP if you have tingling in both your legs.",
        "Call 111 if you get chest pains.",
        "See a GP if you have a fever.",
        "See a GP if you find it difficult to pee.",
        "See a GP if you have less feeling during sex.",
    ] {
        under_graded_at(sentence, 0);
    }
}

#[test]
fn a_concept_the_lexicon_does_not_hold_is_named_with_the_nearest() {
    let book = BookTest::shipped_guide();
    let registry =
        book.read("content/safety.yaml")
            .replacen("concepts: [fever]", "concepts: [fevr]", 1);
    book.write("content/safety.yaml", &registry);
    let run = book.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("names the unknown concept `fevr`")
            && run.stderr.contains("did you mean `fever`?"),
        "{}",
        run.stderr
    );
}
