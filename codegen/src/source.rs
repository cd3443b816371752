//! Input files as the diagnostics see them: a name, the text, and a line index so that any byte
//! offset turns into a 1-based `line:col` (columns count Unicode scalar values, like rustc).

use crate::diag::Span;

#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The name shown in diagnostics: the path as the user gave it (relative paths keep output
    /// identical across machines).
    pub name: String,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            name: name.into(),
            text,
            line_starts,
        }
    }

    /// 1-based line and column of a byte offset (clamped to the text).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let col = self.text[start..floor_char_boundary(&self.text, offset)]
            .chars()
            .count();
        (line + 1, col + 1)
    }

    /// The span of a 1-based line (without its newline); empty at the end for a line past it.
    pub fn line_span(&self, line: usize) -> Span {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return Span::new(self.text.len(), self.text.len());
        };
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        Span::new(start, end)
    }

    /// `name:line:col` of a span's start.
    pub fn position(&self, span: Span) -> String {
        let (line, col) = self.line_col(span.start);
        format!("{}:{line}:{col}", self.name)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Every file a run read, indexed by the `file` number in [`crate::diag::Location`].
///
/// Documents brought in by `$import` are merged into the importing document's tree, whose
/// stages know one file: their nodes' spans are placed in a range of offsets of their own
/// (past any input's length), and [`SourceMap::relocate`] turns such a span back into its file
/// and its offsets there before diagnostics are shown.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
    /// `(first offset, file)` of each merged document, in increasing order.
    merged: Vec<(usize, usize)>,
}

/// Where the offsets of merged documents begin: far past [`crate::load::MAX_INPUT_BYTES`], and
/// still room for many 16 MiB documents below `u32::MAX` on 32-bit hosts.
const MERGED_BASE: usize = 1 << 28;

impl SourceMap {
    pub fn add(&mut self, file: SourceFile) -> usize {
        self.files.push(file);
        self.files.len() - 1
    }

    /// Gives the already added `file` a range of merged offsets, returning where it starts
    /// (add it to the file's own offsets), or `None` when the range is exhausted.
    pub fn merge(&mut self, file: usize) -> Option<usize> {
        let start = match self.merged.last() {
            Some(&(start, last)) => start.checked_add(self.files[last].text.len() + 1)?,
            None => MERGED_BASE,
        };
        start.checked_add(self.files[file].text.len() + 1)?;
        self.merged.push((start, file));
        Some(start)
    }

    /// The file and local span of a span with merged offsets; any other span is returned as it
    /// is, with `file`.
    pub fn relocate(&self, file: usize, span: Span) -> (usize, Span) {
        if span.start < MERGED_BASE {
            return (file, span);
        }
        let at = self
            .merged
            .partition_point(|&(start, _)| start <= span.start);
        match at.checked_sub(1).map(|i| self.merged[i]) {
            Some((start, merged)) => (merged, Span::new(span.start - start, span.end - start)),
            None => (file, span),
        }
    }

    pub fn get(&self, id: usize) -> &SourceFile {
        &self.files[id]
    }

    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_lines_and_code_points() {
        let f = SourceFile::new("a.json", "{\n  \"é\": 1\n}");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(2), (2, 1));
        // `1` comes after `  "é": ` — é is two bytes but one column.
        let one = f.text.find('1').unwrap();
        assert_eq!(f.line_col(one), (2, 8));
        assert_eq!(f.position(Span::new(one, one + 1)), "a.json:2:8");
        assert_eq!(f.line_col(10_000), (3, 2));
    }

    #[test]
    fn merged_spans_go_back_to_their_files() {
        let mut map = SourceMap::default();
        let main = map.add(SourceFile::new("main.json", "{}"));
        let a = map.add(SourceFile::new("a.json", "{\"x\": 1}"));
        let b = map.add(SourceFile::new("b.json", "[]"));
        let base_a = map.merge(a).unwrap();
        let base_b = map.merge(b).unwrap();
        assert!(base_b > base_a + 8);
        assert_eq!(map.relocate(main, Span::new(0, 2)), (main, Span::new(0, 2)));
        assert_eq!(
            map.relocate(main, Span::new(base_a + 1, base_a + 4)),
            (a, Span::new(1, 4))
        );
        assert_eq!(
            map.relocate(main, Span::new(base_b, base_b + 2)),
            (b, Span::new(0, 2))
        );
    }
}
