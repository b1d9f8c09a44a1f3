//! The visual contract: WCAG AA contrast for all text in every theme, boxes that stand out from the page
//! in the dark theme, the `auto` theme's embedded dark override, who-manages-what by line style as well
//! as colour and line style for nothing else (edges solid, told apart by weight and arrowhead), inline
//! glyphs, and plain SVG 1.1.

use archdiag::model::Manager;
use archdiag::render::theme::{self, EDGE_STYLES, MANAGERS, contrast};

#[test]
fn all_text_meets_wcag_aa_in_every_theme() {
    for dark in [false, true] {
        let p = theme::palette(dark);
        let mut fills = vec![p.background, p.panel_fill];
        for m in MANAGERS {
            let q = theme::paint(dark, m);
            fills.push(q.group_fill);
            fills.push(q.leaf_fill);
        }
        for f in &fills {
            let c = contrast(p.text, f);
            assert!(c >= 4.5, "text {} on {f}: {c:.2} (dark {dark})", p.text);
        }
        // Edge labels sit on their own background.
        assert!(contrast(p.muted, p.label_bg) >= 4.5, "edge labels (dark {dark})");
    }
}

#[test]
fn contrast_is_computed_right() {
    assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 1e-9);
    assert!((contrast("#777777", "#777777") - 1.0).abs() < 1e-9);
}

#[test]
fn managers_differ_by_line_style_not_only_colour() {
    let dashes: Vec<Option<&str>> = MANAGERS.iter().map(|&m| theme::dash(m)).collect();
    for i in 0..dashes.len() {
        for j in i + 1..dashes.len() {
            assert_ne!(dashes[i], dashes[j], "{:?} and {:?} look alike in grayscale", MANAGERS[i], MANAGERS[j]);
        }
    }
    let svg = archdiag::render(r#"{"service":"eks","hosting":["ec2","nodegroup","fargate"]}"#).unwrap();
    assert!(svg.contains(r#"stroke-dasharray="7 4""#) && svg.contains(r#"stroke-dasharray="2 2.5""#));
    assert_eq!(theme::dash(Manager::You), None);
}

#[test]
fn every_box_stands_out_from_the_page_in_the_dark_theme() {
    // AWS's navy boxes on a navy page read as one surface: the page is a neutral grey (no manager's hue),
    // and every leaf's fill keeps some contrast with it.
    let p = theme::palette(true);
    let rgb: Vec<u8> = (0..3).map(|k| u8::from_str_radix(&p.background[1 + 2 * k..3 + 2 * k], 16).unwrap()).collect();
    assert!(rgb.iter().max().unwrap() - rgb.iter().min().unwrap() <= 8, "dark page {} is tinted", p.background);
    for m in MANAGERS {
        let q = theme::paint(true, m);
        let c = contrast(q.leaf_fill, p.background);
        assert!(c >= 1.3, "{m:?} leaf {} on the dark page {}: {c:.2}", q.leaf_fill, p.background);
        assert!(contrast(q.stroke, q.group_fill) >= 3.0, "{m:?} border on its own fill");
    }
}

#[test]
fn line_style_means_only_who_manages_a_box_and_relations_differ_by_weight_or_head() {
    for dark in [false, true] {
        let looks: Vec<theme::Look> = EDGE_STYLES.iter().map(|&s| theme::edge(dark, s)).collect();
        for i in 0..looks.len() {
            for j in i + 1..looks.len() {
                let (a, b) = (looks[i], looks[j]);
                assert!(
                    a.width != b.width || a.head != b.head,
                    "{:?} and {:?} look alike in grayscale",
                    EDGE_STYLES[i],
                    EDGE_STYLES[j]
                );
            }
        }
    }
    // In a drawing with every relation and an overlay, no edge, trunk or legend line is dashed: every
    // dash pattern is a manager's (on a box or swatch) or the overlay's outline.
    let svg = archdiag::render(r#"{"service":"eks","hosting":["ec2","nodegroup","fargate"],"theme":"light"}"#).unwrap();
    let allowed: Vec<&str> =
        MANAGERS.iter().filter_map(|&m| theme::dash(m)).chain([archdiag::style::OVERLAY_DASH]).collect();
    let mut seen = 0;
    for part in svg.split("stroke-dasharray=\"").skip(1) {
        let d = &part[..part.find('"').unwrap()];
        assert!(allowed.contains(&d), "dash {d} means nothing in the legend");
        seen += 1;
    }
    assert!(seen > 10);
    for part in svg.split("<path ").skip(1) {
        let tag = &part[..part.find('>').unwrap()];
        if tag.contains("ad-stroke-") {
            assert!(!tag.contains("stroke-dasharray"), "a dashed relation: {tag}");
        }
    }
    assert!(svg.contains(archdiag::scene::OVERLAY_LEGEND), "the legend says what the overlay outline means");
}

#[test]
fn auto_theme_follows_the_reader() {
    let svg = archdiag::render(r#"{"service":"ecs","hosting":"fargate","theme":"auto"}"#).unwrap();
    assert!(svg.contains("<style>") && svg.contains("@media (prefers-color-scheme: dark)"));
    assert!(svg.contains(&format!(".ad-bg{{fill:{}}}", theme::palette(true).background)));
    // Light colours as attributes, for readers that ignore CSS.
    assert!(svg.contains(&format!(r#"fill="{}""#, theme::palette(false).background)));
    let light = archdiag::render(r#"{"service":"ecs","hosting":"fargate","theme":"light"}"#).unwrap();
    assert!(!light.contains("<style>"), "only auto embeds CSS");
}

#[test]
fn glyphs_are_inline_symbols_and_svg_is_plain() {
    for spec in [r#"{"service":"ecs","hosting":"ec2"}"#, r#"{"service":"eks","hosting":["nodegroup","fargate"]}"#] {
        let svg = archdiag::render(spec).unwrap();
        assert!(!svg.contains("foreignObject"));
        let uses = svg.matches("<use ").count();
        assert!(uses > 5);
        for part in svg.split("xlink:href=\"").skip(1) {
            let target = &part[..part.find('"').unwrap()];
            assert!(
                target.starts_with(&format!("#{}-icon-", archdiag::id_prefix(&archdiag::spec::parse(spec).unwrap()))),
                "{target}"
            );
            assert!(svg.contains(&format!(r#"<symbol id="{}""#, &target[1..])), "{target} is defined");
        }
    }
}
