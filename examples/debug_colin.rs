fn main() {
    let text = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let (_, s) = archdiag::scene(&text).unwrap();
    let mut segs = Vec::new();
    for (k, e) in s.edges.iter().enumerate() {
        for w in e.points.windows(2) {
            segs.push((k, w[0], w[1]));
        }
    }
    for i in 0..segs.len() {
        for j in i + 1..segs.len() {
            let (a, p, q) = segs[i];
            let (b, r, t) = segs[j];
            if a == b {
                continue;
            }
            let h1 = p.1 == q.1;
            let h2 = r.1 == t.1;
            if h1 != h2 {
                continue;
            }
            let (at1, lo1, hi1) =
                if h1 { (p.1, p.0.min(q.0), p.0.max(q.0)) } else { (p.0, p.1.min(q.1), p.1.max(q.1)) };
            let (at2, lo2, hi2) =
                if h2 { (r.1, r.0.min(t.0), r.0.max(t.0)) } else { (r.0, r.1.min(t.1), r.1.max(t.1)) };
            if at1 == at2 && lo1.max(lo2) < hi1.min(hi2) - 0.05 {
                let ea = &s.edges[a];
                let eb = &s.edges[b];
                println!(
                    "edge {a} {}->{} {:?}\nedge {b} {}->{} {:?}",
                    s.boxes[ea.from].id,
                    s.boxes[ea.to].id,
                    ea.points,
                    s.boxes[eb.from].id,
                    s.boxes[eb.to].id,
                    eb.points
                );
            }
        }
    }
}
