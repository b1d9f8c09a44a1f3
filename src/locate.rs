//! Finds where in the JSON text a spec error is, so an editor can point at the line and column: a small
//! scanner that walks the text, tracking the path (`nodes[3].parent`) of every key and value.

use crate::error::Error;

/// The 1-based line and column of an error in the spec text, when it has a place.
pub fn locate(text: &str, error: &Error) -> Option<(usize, usize)> {
    let target = match error {
        Error::Syntax { line, column, .. } => return Some((*line, *column)),
        Error::NotAnObject { .. } | Error::TooLarge { .. } | Error::OverLimit { .. } => String::new(),
        Error::TooDeep { path, .. } => format!("{path}.parent"),
        Error::UnknownField { path, name, .. } => join(path, name),
        Error::MissingField { path, .. } => root(path),
        Error::WrongType { path, .. } | Error::BadValue { path, .. } => root(path),
        Error::DuplicateId { path, .. } => format!("{path}.id"),
        Error::Dangling { path, .. } => root(path),
        Error::ParentCycle { .. } => "groups".into(),
        Error::Combination { .. } => "hosting".into(),
        Error::MixedForms { custom, .. } => custom.clone(),
    };
    // An unknown field is pointed at by its key; anything else by its value.
    let want_key = matches!(error, Error::UnknownField { .. });
    let mut s = Scanner { b: text.as_bytes(), i: 0, target: &target, want_key, found: None };
    s.value(&mut String::new());
    s.found.map(|at| position(text, at))
}

fn root(path: &str) -> String {
    if path == "spec" { String::new() } else { path.to_string() }
}

fn join(path: &str, name: &str) -> String {
    if path == "spec" { name.to_string() } else { format!("{path}.{name}") }
}

fn position(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
    target: &'a str,
    want_key: bool,
    found: Option<usize>,
}

impl Scanner<'_> {
    fn ws(&mut self) {
        while self.i < self.b.len() && self.b[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }

    fn mark(&mut self, path: &str, at: usize) {
        if self.found.is_none() && path == self.target {
            self.found = Some(at);
        }
    }

    fn string(&mut self) -> String {
        let start = self.i + 1;
        self.i += 1;
        while self.i < self.b.len() && self.b[self.i] != b'"' {
            if self.b[self.i] == b'\\' {
                self.i += 1;
            }
            self.i += 1;
        }
        let raw = String::from_utf8_lossy(&self.b[start..self.i.min(self.b.len())]).to_string();
        self.i += 1;
        raw
    }

    fn value(&mut self, path: &mut String) {
        self.ws();
        let at = self.i;
        self.mark(path, at);
        match self.b.get(self.i) {
            Some(b'{') => {
                self.i += 1;
                loop {
                    self.ws();
                    match self.b.get(self.i) {
                        Some(b'"') => {
                            let key_at = self.i;
                            let key = self.string();
                            let len = path.len();
                            if !path.is_empty() {
                                path.push('.');
                            }
                            path.push_str(&key);
                            if self.want_key {
                                self.mark(path, key_at);
                            }
                            self.ws();
                            if self.b.get(self.i) == Some(&b':') {
                                self.i += 1;
                            }
                            self.value(path);
                            path.truncate(len);
                        }
                        Some(b',') => self.i += 1,
                        Some(b'}') => {
                            self.i += 1;
                            return;
                        }
                        _ => return,
                    }
                }
            }
            Some(b'[') => {
                self.i += 1;
                let mut k = 0;
                loop {
                    self.ws();
                    match self.b.get(self.i) {
                        Some(b']') => {
                            self.i += 1;
                            return;
                        }
                        Some(b',') => self.i += 1,
                        None => return,
                        _ => {
                            let len = path.len();
                            path.push_str(&format!("[{k}]"));
                            self.value(path);
                            path.truncate(len);
                            k += 1;
                        }
                    }
                }
            }
            Some(b'"') => {
                self.string();
            }
            Some(_) => {
                while self.i < self.b.len()
                    && !matches!(self.b[self.i], b',' | b'}' | b']')
                    && !self.b[self.i].is_ascii_whitespace()
                {
                    self.i += 1;
                }
            }
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Option<(usize, usize)> {
        let e = crate::spec::parse(text).unwrap_err();
        locate(text, &e)
    }

    #[test]
    fn points_at_the_bad_value_or_key() {
        assert_eq!(at("{\n  \"service\": \"ecs\",\n  \"hosting\": \"nodegroup\"\n}"), Some((3, 14)));
        assert_eq!(at("{\"service\":\"ecs\",\"hosting\":[\"ec2\",\n\"lambda\"]}"), Some((2, 1)));
        assert_eq!(at("{\"service\":\"ecs\",\"hosting\":\"ec2\",\n \"colour\": 1}"), Some((2, 2)));
        assert_eq!(at("{\"nodes\":[{\"id\":\"a\"},\n {\"id\":\"b\",\"parent\":\"zz\"}]}"), Some((2, 21)));
        assert_eq!(at("{\"service\":\n}"), Some((2, 1)));
    }
}
