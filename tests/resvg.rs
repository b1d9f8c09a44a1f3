//! Every golden SVG draws in resvg, an independent SVG renderer: it parses, and the picture has the
//! boxes' colours in it (not a blank or broken image).
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

#[test]
fn golden_svgs_draw_in_resvg() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "svg"))
        .collect();
    files.sort();
    assert!(files.len() >= 7);
    let mut opt = resvg::usvg::Options::default();
    opt.fontdb_mut().load_system_fonts();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let tree = resvg::usvg::Tree::from_str(&text, &opt).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let size = tree.size().to_int_size();
        let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
        resvg::render(&tree, resvg::tiny_skia::Transform::default(), &mut pixmap.as_mut());
        // The light theme's "managed by AWS" leaf fill (#dbeafe) and stroke must be on the picture.
        let px = pixmap.pixels();
        let blue = px.iter().filter(|p| (p.red(), p.green(), p.blue()) == (0xdb, 0xea, 0xfe)).count();
        let inked = px.iter().filter(|p| p.red() < 0x80 && p.green() < 0x80).count();
        assert!(blue > 500, "{}: only {blue} pixels of the AWS fill", path.display());
        assert!(inked > 500, "{}: only {inked} dark pixels (text, lines)", path.display());
    }
}
