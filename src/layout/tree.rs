//! The containment tree (each element's parent, by index): depths, ancestry, and where an edge's two
//! ends' branches meet. Every function takes a forest (as the spec guarantees: no cycles) and terminates.

/// Whether `outer` is `inner` or one of its ancestors.
pub(crate) fn contains(parent: &[Option<usize>], outer: usize, inner: usize) -> bool {
    let mut x = Some(inner);
    while let Some(z) = x {
        if z == outer {
            return true;
        }
        x = parent[z];
    }
    false
}

/// Depth of every element (0 for top level).
pub(crate) fn depths(parent: &[Option<usize>]) -> Vec<usize> {
    let mut depth = vec![usize::MAX; parent.len()];
    let mut chain = Vec::new();
    for i in 0..parent.len() {
        chain.clear();
        chain.push(i);
        let mut cur = i;
        while depth[cur] == usize::MAX {
            match parent[cur] {
                Some(p) if depth[p] == usize::MAX => {
                    chain.push(p);
                    cur = p;
                }
                Some(p) => {
                    depth[cur] = depth[p] + 1;
                    break;
                }
                None => {
                    depth[cur] = 0;
                    break;
                }
            }
        }
        while let Some(c) = chain.pop() {
            if depth[c] == usize::MAX {
                depth[c] = depth[parent[c].expect("non-root")] + 1;
            }
        }
    }
    depth
}

/// For an edge a→b: the container where their branches meet and the two sibling branches, or `None` when
/// one end contains the other (or they are the same element).
pub(crate) fn lift(
    parent: &[Option<usize>],
    depth: &[usize],
    a: usize,
    b: usize,
) -> Option<(Option<usize>, usize, usize)> {
    let (mut x, mut y) = (a, b);
    while depth[x] > depth[y] {
        x = parent[x]?;
    }
    while depth[y] > depth[x] {
        y = parent[y]?;
    }
    if x == y {
        return None;
    }
    while parent[x] != parent[y] {
        x = parent[x]?;
        y = parent[y]?;
    }
    Some((parent[x], x, y))
}

/// `x` and all its ancestors, innermost first.
pub(crate) fn chain(parent: &[Option<usize>], mut x: usize) -> Vec<usize> {
    let mut c = Vec::with_capacity(8);
    c.push(x);
    while let Some(p) = parent[x] {
        c.push(p);
        x = p;
    }
    c
}

/// The ends of an edge and all their ancestors: the boxes its path may enter.
pub(crate) fn allowed(parent: &[Option<usize>], u: usize, v: usize) -> Vec<usize> {
    let mut a = chain(parent, u);
    a.extend(chain(parent, v));
    a.sort_unstable();
    a.dedup();
    a
}
