//! Oracle tests for the checkers: hand-built scenes, each broken in one known way, fed to
//! `layout::verify` and `layout::metrics`. Each must report that violation, of that kind, exactly
//! where it was put, and nothing on the sound scene they start from; so a checker that went blind
//! to a kind of fault fails here rather than passing every layout.

use archdiag::layout::metrics;
use archdiag::layout::verify::{self, Violation};
use archdiag::model::{EdgeStyle, Manager};
use archdiag::scene::{Mode, Rect, Scene, SceneBox, SceneEdge};
use archdiag::spec::Theme;

fn bx(id: &str, parent: Option<usize>, x: f64, y: f64, w: f64, h: f64) -> SceneBox {
    SceneBox {
        id: id.into(),
        label: id.into(),
        kind: "node".into(),
        managed_by: Manager::You,
        parent,
        is_group: parent.is_none(),
        rect: Rect { x, y, w, h },
        label_at: (x, y),
        icon_at: None,
        description: String::new(),
    }
}

fn edge(from: usize, to: usize, points: &[(f64, f64)]) -> SceneEdge {
    SceneEdge {
        from,
        to,
        label: None,
        style: EdgeStyle::Plain,
        points: points.to_vec(),
        label_rect: None,
        bundle: None,
    }
}

/// A group g (0) holding a (1) and b (2) side by side, a box c (3) below the group, and one straight
/// edge from a to b: sound in every respect.
fn sound() -> Scene {
    Scene {
        title: String::new(),
        theme: Theme::Light,
        id_prefix: "t".into(),
        mode: Mode::Layered,
        width: 400.0,
        height: 400.0,
        title_at: (0.0, 0.0),
        legend: Vec::new(),
        panel: None,
        boxes: vec![
            bx("g", None, 10.0, 10.0, 300.0, 100.0),
            bx("a", Some(0), 40.0, 40.0, 60.0, 40.0),
            bx("b", Some(0), 200.0, 40.0, 60.0, 40.0),
            bx("c", None, 10.0, 200.0, 300.0, 60.0),
        ],
        edges: vec![edge(1, 2, &[(100.0, 60.0), (200.0, 60.0)])],
        bundles: Vec::new(),
        overlays: Vec::new(),
    }
}

fn violations(s: &Scene) -> Vec<Violation> {
    verify::check(s)
}

#[test]
fn the_sound_scene_is_sound() {
    let s = sound();
    assert_eq!(violations(&s), vec![]);
    let m = metrics::measure(&s);
    assert_eq!(
        (m.crossings, m.bends, m.collinear_overlaps, m.overlaps, m.through_box, m.label_overlaps),
        (0, 0, 0, 0, 0, 0)
    );
    assert_eq!((m.width, m.height), (300.0, 250.0));
}

/// Each breakage and the one violation it must produce.
#[test]
fn verify_reports_each_kind_of_violation_where_it_was_put() {
    type Break = fn(&mut Scene);
    let cases: Vec<(&str, Break, Vec<Violation>)> = vec![
        ("duplicate id", |s| s.boxes[2].id = "a".into(), vec![Violation::DuplicateId(2)]),
        ("bad rectangle", |s| s.boxes[3].rect.h = f64::NAN, vec![Violation::BadRect(3)]),
        ("zero width", |s| s.boxes[3].rect.w = 0.0, vec![Violation::BadRect(3)]),
        ("off the canvas", |s| s.boxes[3].rect.y = 390.0, vec![Violation::OffCanvas(3)]),
        (
            "drawn before its parent",
            |s| {
                s.boxes.swap(0, 3);
                for b in &mut s.boxes[1..3] {
                    b.parent = Some(3);
                }
            },
            vec![Violation::BeforeParent(1), Violation::BeforeParent(2)],
        ),
        (
            "outside its parent's padding",
            |s| {
                s.boxes[1].rect.x = 11.0;
                s.boxes[1].rect.w = 89.0;
            },
            vec![Violation::OutsideParent(1)],
        ),
        ("sibling overlap", |s| s.boxes[3].rect.y = 100.0, vec![Violation::Overlap(0, 3)]),
        ("one point", |s| s.edges[0].points.truncate(1), vec![Violation::TooFewPoints(0)]),
        (
            "diagonal",
            |s| s.edges[0].points = vec![(100.0, 60.0), (150.0, 60.0), (200.0, 70.0)],
            vec![Violation::Diagonal(0, 1)],
        ),
        ("starts off its source", |s| s.edges[0].points[0].0 = 120.0, vec![Violation::OffSource(0)]),
        ("ends off its target", |s| s.edges[0].points[1].0 = 190.0, vec![Violation::OffTarget(0)]),
        (
            "through a foreign box",
            |s| s.edges[0].points = vec![(70.0, 80.0), (70.0, 230.0), (230.0, 230.0), (230.0, 80.0)],
            // Out of the group (its own ancestor, allowed) and through c: once per segment in c.
            vec![Violation::ThroughBox(0, 3); 3],
        ),
    ];
    for (name, breaks, want) in cases {
        let mut s = sound();
        breaks(&mut s);
        let got = violations(&s);
        assert_eq!(got, want, "{name}: {:?}", verify::describe(&s));
        for v in &got {
            assert!(!v.describe(&s).is_empty());
        }
    }
}

#[test]
fn metrics_count_each_fault() {
    // Crossings and bends: a box d beside c; c → d leaves c's right side, climbs and comes down onto
    // d's top (3 bends); g → d leaves g's right side and comes down onto d's top (1 bend), its
    // vertical crossed by c → d's horizontal at y = 150.
    let mut s = sound();
    s.boxes.push(bx("d", None, 330.0, 200.0, 60.0, 60.0));
    s.edges.push(edge(3, 4, &[(310.0, 205.0), (320.0, 205.0), (320.0, 150.0), (370.0, 150.0), (370.0, 200.0)]));
    s.edges.push(edge(0, 4, &[(310.0, 50.0), (360.0, 50.0), (360.0, 200.0)]));
    assert_eq!(violations(&s), vec![], "{:?}", verify::describe(&s));
    let m = metrics::measure(&s);
    assert_eq!((m.crossings, m.bends), (1, 4));
    s.edges[2].points = vec![(310.0, 50.0), (380.0, 50.0), (380.0, 200.0)];
    assert_eq!(metrics::measure(&s).crossings, 0, "moved past the end of the horizontal");

    // Collinear: two edges sharing a stretch of one line.
    let mut s = sound();
    s.edges.push(edge(1, 2, &[(100.0, 60.0), (200.0, 60.0)]));
    assert_eq!(metrics::measure(&s).collinear_overlaps, 1);
    assert_eq!(metrics::collinear_overlaps(&s), 1);

    // Overlaps and edges through boxes are counted by their typed violation, whatever the ids say.
    let mut s = sound();
    s.boxes[3].rect.y = 100.0;
    s.boxes[3].id = "passes through".into();
    s.boxes[1].id = "overlap not inside".into();
    s.edges[0].points = vec![(100.0, 60.0), (150.0, 60.0), (200.0, 70.0)];
    let m = metrics::measure(&s);
    assert_eq!((m.overlaps, m.through_box), (1, 0), "a diagonal on an edge whose end is named 'overlap' is no overlap");

    // Labels: on a foreign box, and on each other.
    let mut s = sound();
    s.edges[0].label_rect = Some(Rect { x: 20.0, y: 195.0, w: 30.0, h: 10.0 });
    assert_eq!(metrics::label_overlaps(&s), 1, "a label across c's top border");
    s.edges[0].label_rect = Some(Rect { x: 120.0, y: 45.0, w: 30.0, h: 10.0 });
    assert_eq!(metrics::label_overlaps(&s), 0, "a label inside its own group, on no box");
    s.edges.push(edge(1, 2, &[(100.0, 70.0), (200.0, 70.0)]));
    s.edges[1].label_rect = Some(Rect { x: 130.0, y: 50.0, w: 30.0, h: 10.0 });
    assert_eq!(metrics::label_overlaps(&s), 1, "two labels on each other");
}
