//! The layout claims files are written in, for people who read and edit them.
//!
//! JSON indented by two spaces with one key per line, except that an object or array that holds
//! only scalars goes on one line, in prettier's style, when the whole line fits in [`WIDTH`]
//! columns: `"location": { "line": 9, "column": 378, "start": 1143, "end": 1146 }`,
//! `"sources": ["pmid:1", "pmid:2"]`. Small objects were most of a claim's lines, and their
//! indentation about a quarter of a file's bytes; on one line a claim reads as a short record.
//!
//! [`Reviewers`] is a serde_json formatter. It holds back one container at a time, and of that
//! never much more than a line, so a big article's claims file is still written as it is
//! serialized. Only white space differs from serde_json's own pretty printer: any JSON reader
//! reads both the same.

use std::io::Write;

use serde_json::ser::{CharEscape, CompactFormatter, Formatter};

/// Columns a one-line object or array may reach, counting its indentation, key and a comma.
pub const WIDTH: usize = 100;

/// Spaces per level of indentation.
const INDENT: &[u8] = b"  ";

/// Characters in UTF-8 `bytes` (columns, as an editor counts them for text without wide glyphs).
fn chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// The container held back while it may still go on one line.
#[derive(Debug, Default)]
struct Held {
    /// `{` or `[`; 0 when nothing is held.
    open: u8,
    /// The members' text, one after another.
    text: Vec<u8>,
    /// Each member's start in `text`, and (objects) where its key ends and its value starts.
    members: Vec<(usize, usize)>,
    /// The output column the container starts at.
    column: usize,
    /// Its width on one line so far, spaces after `:` and `,` included.
    width: usize,
}

impl Held {
    /// Whether it still fits on one line if it closed now, with its closing bracket, the spaces
    /// inside an object's braces, and a comma after it.
    fn fits(&self) -> bool {
        let padding = if self.open == b'{' { 2 } else { 0 };
        self.column + self.width + padding + 2 <= WIDTH
    }
}

/// A serde_json formatter writing the claims files' layout (see the module header).
#[derive(Debug, Default)]
pub struct Reviewers {
    /// Expanded containers open around the current position.
    depth: usize,
    /// Characters on the output's current line, as far as a container starting there needs:
    /// counted up to the end of a key (the text of a value is never followed by a container on
    /// its line, so it is not counted: counting it was most of this formatter's time).
    column: usize,
    /// Whether an expanded object's key is being written.
    in_key: bool,
    held: Held,
    /// Room to format a number or escape before it goes where the layout is at.
    scratch: Vec<u8>,
}

impl Reviewers {
    fn holding(&self) -> bool {
        self.held.open != 0
    }

    fn emit<W: ?Sized + Write>(&mut self, w: &mut W, bytes: &[u8]) -> std::io::Result<()> {
        if self.in_key {
            self.column += chars(bytes);
        }
        w.write_all(bytes)
    }

    fn newline<W: ?Sized + Write>(&mut self, w: &mut W, depth: usize) -> std::io::Result<()> {
        w.write_all(b"\n")?;
        for _ in 0..depth {
            w.write_all(INDENT)?;
        }
        self.column = depth * INDENT.len();
        Ok(())
    }

    /// Text of a scalar: into the held container, or out.
    #[inline]
    fn put<W: ?Sized + Write>(&mut self, w: &mut W, bytes: &[u8]) -> std::io::Result<()> {
        if !self.holding() {
            return self.emit(w, bytes);
        }
        self.held.text.extend_from_slice(bytes);
        self.held.width += chars(bytes);
        if self.held.fits() {
            Ok(())
        } else {
            self.expand(w)
        }
    }

    /// `write` formats into the scratch buffer, whose text then goes out with [`Self::put`].
    fn put_with<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        write(&mut scratch)?;
        let done = self.put(w, &scratch);
        self.scratch = scratch;
        done
    }

    /// Writes the held container expanded, one member a line, so far; the rest of it follows in
    /// the expanded layout.
    fn expand<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        let held = std::mem::take(&mut self.held);
        self.in_key = true;
        self.emit(w, &[held.open])?;
        self.depth += 1;
        let ends = held
            .members
            .iter()
            .skip(1)
            .map(|m| m.0)
            .chain([held.text.len()]);
        for (i, (&(start, value), end)) in held.members.iter().zip(ends).enumerate() {
            if i > 0 {
                w.write_all(b",")?;
            }
            self.newline(w, self.depth)?;
            if value > start {
                self.emit(w, &held.text[start..value])?;
                self.emit(w, b": ")?;
            }
            self.emit(w, &held.text[value..end])?;
        }
        // Cut off within a key, the rest of which is still to be counted.
        self.in_key = held.open == b'{' && held.members.last().is_some_and(|m| m.0 == m.1);
        self.held.text = held.text;
        self.held.text.clear();
        self.held.members = held.members;
        self.held.members.clear();
        Ok(())
    }

    /// Writes the held container, now complete, on one line.
    fn release<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        let held = std::mem::take(&mut self.held);
        let (open, close, pad) = match held.open {
            b'{' => (&b"{ "[..], &b" }"[..], !held.members.is_empty()),
            _ => (&b"["[..], &b"]"[..], false),
        };
        self.emit(w, if pad { open } else { &open[..1] })?;
        let ends = held
            .members
            .iter()
            .skip(1)
            .map(|m| m.0)
            .chain([held.text.len()]);
        for (i, (&(start, value), end)) in held.members.iter().zip(ends).enumerate() {
            if i > 0 {
                self.emit(w, b", ")?;
            }
            if value > start {
                self.emit(w, &held.text[start..value])?;
                self.emit(w, b": ")?;
            }
            self.emit(w, &held.text[value..end])?;
        }
        self.emit(
            w,
            if pad {
                close
            } else {
                &close[close.len() - 1..]
            },
        )?;
        self.held.text = held.text;
        self.held.text.clear();
        self.held.members = held.members;
        self.held.members.clear();
        Ok(())
    }

    fn begin<W: ?Sized + Write>(&mut self, w: &mut W, open: u8) -> std::io::Result<()> {
        if self.holding() {
            self.expand(w)?;
        }
        self.held.open = open;
        self.held.column = self.column;
        self.held.width = 1;
        Ok(())
    }

    fn end<W: ?Sized + Write>(&mut self, w: &mut W, close: u8) -> std::io::Result<()> {
        if self.holding() {
            return self.release(w);
        }
        self.depth = self.depth.saturating_sub(1);
        self.newline(w, self.depth)?;
        self.emit(w, &[close])
    }

    /// A member starts: a key, or an array's value.
    fn member<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if self.holding() {
            let at = self.held.text.len();
            self.held.members.push((at, at));
            self.held.width += if first { 0 } else { 2 };
            return if self.held.fits() {
                Ok(())
            } else {
                self.expand(w)
            };
        }
        if !first {
            w.write_all(b",")?;
        }
        self.newline(w, self.depth)
    }
}

macro_rules! numbers {
    ($($name:ident: $ty:ty),*) => {$(
        fn $name<W: ?Sized + Write>(&mut self, w: &mut W, value: $ty) -> std::io::Result<()> {
            self.put_with(w, |s| CompactFormatter.$name(s, value))
        }
    )*};
}

impl Formatter for Reviewers {
    numbers!(write_i8: i8, write_i16: i16, write_i32: i32, write_i64: i64, write_i128: i128,
        write_u8: u8, write_u16: u16, write_u32: u32, write_u64: u64, write_u128: u128,
        write_f32: f32, write_f64: f64);

    fn write_null<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.put(w, b"null")
    }

    fn write_bool<W: ?Sized + Write>(&mut self, w: &mut W, value: bool) -> std::io::Result<()> {
        self.put(w, if value { b"true" } else { b"false" })
    }

    fn write_number_str<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        value: &str,
    ) -> std::io::Result<()> {
        self.put(w, value.as_bytes())
    }

    fn begin_string<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.put(w, b"\"")
    }

    fn end_string<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.put(w, b"\"")
    }

    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        self.put(w, fragment.as_bytes())
    }

    fn write_char_escape<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        escape: CharEscape,
    ) -> std::io::Result<()> {
        self.put_with(w, |s| CompactFormatter.write_char_escape(s, escape))
    }

    fn write_raw_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        raw: &str,
    ) -> std::io::Result<()> {
        self.put(w, raw.as_bytes())
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.begin(w, b'[')
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.end(w, b']')
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.member(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.begin(w, b'{')
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.end(w, b'}')
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.member(w, first)?;
        self.in_key = !self.holding();
        Ok(())
    }

    fn end_object_key<W: ?Sized + Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        Ok(())
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        if !self.holding() {
            self.emit(w, b": ")?;
            self.in_key = false;
            return Ok(());
        }
        if let Some(member) = self.held.members.last_mut() {
            member.1 = self.held.text.len();
        }
        self.held.width += 2;
        if self.held.fits() {
            Ok(())
        } else {
            self.expand(w)
        }
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        Ok(())
    }
}

/// `value` as JSON in the claims files' layout, with a trailing newline.
pub fn to_writer<W: Write, T: serde::Serialize + ?Sized>(out: W, value: &T) -> std::io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, Reviewers::default());
    value.serialize(&mut ser)?;
    ser.into_inner().write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn laid_out(json: &str) -> String {
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        let mut out = Vec::new();
        to_writer(&mut out, &value).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn small_scalar_objects_and_arrays_go_on_one_line() {
        let text = laid_out(
            r#"{"id":"c1","location":{"line":9,"column":378,"start":1143,"end":1146},"sources":["pmid:1","pmid:2"],"empty":{},"none":[]}"#,
        );
        assert_eq!(
            text,
            r#"{
  "id": "c1",
  "location": { "line": 9, "column": 378, "start": 1143, "end": 1146 },
  "sources": ["pmid:1", "pmid:2"],
  "empty": {},
  "none": []
}
"#
        );
    }

    #[test]
    fn nested_or_long_containers_keep_one_member_a_line() {
        let long = "x".repeat(80);
        let json = format!(
            r#"{{"a":{{"how":"link","location":{{"line":1}}}},"m":{{"intervention":"{long}","population":"p"}},"l":[{{"k":1}},2]}}"#
        );
        let expected = format!(
            r#"{{
  "a": {{
    "how": "link",
    "location": {{ "line": 1 }}
  }},
  "m": {{
    "intervention": "{long}",
    "population": "p"
  }},
  "l": [
    {{ "k": 1 }},
    2
  ]
}}
"#
        );
        assert_eq!(laid_out(&json), expected);
    }

    #[test]
    fn the_width_counts_characters_indentation_key_and_comma() {
        // `  "k": ["` is 9 columns, `"],` 3: a string of 88 characters makes exactly 100.
        for (n, one_line) in [(88, true), (89, false)] {
            let s = "é".repeat(n);
            let text = laid_out(&format!(r#"{{"k":["{s}"],"z":1}}"#));
            assert_eq!(text.lines().count() == 4, one_line, "{n}: {text}");
        }
    }

    #[test]
    fn brackets_quotes_and_escapes_in_strings_are_text() {
        let json = r#"{"s":"a \"{[,:]}\" \\","t":["\\\"",":"]}"#;
        let text = laid_out(json);
        assert_eq!(
            text,
            "{\n  \"s\": \"a \\\"{[,:]}\\\" \\\\\",\n  \"t\": [\"\\\\\\\"\", \":\"]\n}\n"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            back,
            serde_json::from_str::<serde_json::Value>(json).unwrap()
        );
    }

    #[test]
    fn a_line_broken_at_any_point_keeps_its_spacing_and_reads_back_the_same() {
        for n in 0..110 {
            let long = "x".repeat(n);
            let json = format!(
                r#"{{"outer":{{"a":"{long}","bb":12345,"c":true,"d":null}},"list":["{long}",1,2.5]}}"#
            );
            let text = laid_out(&json);
            for line in text.lines() {
                assert!(
                    !line.ends_with(' ') && !line.contains(":  "),
                    "{n}: {line:?}"
                );
                let one_line = line.contains("{ ") || line.contains("[\"");
                assert!(!one_line || line.chars().count() <= WIDTH, "{n}: {line:?}");
            }
            let back: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(
                back,
                serde_json::from_str::<serde_json::Value>(&json).unwrap()
            );
        }
    }

    #[test]
    fn a_key_too_long_for_one_line_still_counts_toward_the_next_line() {
        let key = "k".repeat(95);
        let text = laid_out(&format!(r#"{{"{key}":{{"a":1}}}}"#));
        assert_eq!(
            text,
            format!("{{\n  \"{key}\": {{\n    \"a\": 1\n  }}\n}}\n")
        );
    }

    #[test]
    fn escaped_characters_are_written_as_serde_json_writes_them() {
        let value = serde_json::json!({ "s": "tab\there \u{1} \"q\" é", "n": [1, -2, 2.5, 1e300] });
        let text = laid_out(&value.to_string());
        let big = serde_json::to_string(&1e300).unwrap();
        assert_eq!(
            text,
            format!("{{\n  \"s\": \"tab\\there \\u0001 \\\"q\\\" é\",\n  \"n\": [1, -2, 2.5, {big}]\n}}\n")
        );
    }
}
