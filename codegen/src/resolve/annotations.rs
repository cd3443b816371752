//! Keywords that annotate a schema rather than shape its values: `altenums`, `altnames`,
//! `descriptions`, units, and the encoding of `binary` values.

use super::*;

impl<'a> Resolver<'a> {
    /// `altenums` (Alternate Names companion) of a string enum: when the document enables the
    /// companion, the `json` symbols become the values on the wire (in `ty`), and every symbol
    /// is kept per value for the docs. Its shape is checked either way.
    pub(super) fn alt_enums(&mut self, node: &Node, ty: &mut Ty) -> Option<Vec<AltEnum>> {
        let Some(alt) = node.get("altenums") else {
            return Some(Vec::new());
        };
        let Some(purposes) = alt.as_object() else {
            self.error(
                alt,
                codes::SCHEMA_ALTNAMES_NOT_OBJECT,
                format!("`altenums` must be an object, found {}", alt.type_name()),
            );
            return None;
        };
        let Ty::StringEnum(values) = ty else {
            self.warn(
                alt,
                codes::SCHEMA_CONSTRAINT_INVALID_FOR_TYPE,
                "`altenums` gives symbols to the values of a string `enum`, which this schema is not; it is ignored".into(),
            );
            return Some(Vec::new());
        };
        let mut out: Vec<AltEnum> = values
            .iter()
            .map(|v| AltEnum {
                listed: v.clone(),
                symbols: Vec::new(),
            })
            .collect();
        let mut ok = true;
        for purpose in purposes {
            let Some(symbols) = purpose.value.as_object() else {
                self.error(
                    &purpose.value,
                    codes::SCHEMA_ALTNAMES_NOT_OBJECT,
                    format!(
                        "`altenums` maps a purpose to an object of symbols, found {}",
                        purpose.value.type_name()
                    ),
                );
                ok = false;
                continue;
            };
            for m in symbols {
                let Some(symbol) = m.value.as_str() else {
                    self.error(
                        &m.value,
                        codes::SCHEMA_ALTNAMES_VALUE_NOT_STRING,
                        format!(
                            "`altenums` symbols must be strings, found {}",
                            m.value.type_name()
                        ),
                    );
                    ok = false;
                    continue;
                };
                match values.iter().position(|v| *v == m.key) {
                    Some(i) => out[i]
                        .symbols
                        .push((purpose.key.clone(), symbol.to_owned())),
                    None => {
                        self.warn(
                            &m.value,
                            codes::SCHEMA_ALTENUMS_UNKNOWN_VALUE,
                            format!("`altenums` gives a symbol to `{}`, which `enum` does not list; it is ignored", m.key),
                        );
                    }
                }
            }
        }
        if !ok {
            return None;
        }
        if !self.extensions.alternate_names {
            // Warned about as a keyword of a companion the document does not enable.
            return Some(Vec::new());
        }
        let wire: Vec<String> = out
            .iter()
            .map(|a| {
                a.symbols
                    .iter()
                    .find(|(purpose, _)| purpose == "json")
                    .map_or_else(|| a.listed.clone(), |(_, symbol)| symbol.clone())
            })
            .collect();
        for (i, w) in wire.iter().enumerate() {
            if let Some(j) = wire[..i].iter().position(|prev| prev == w) {
                self.error(
                    alt,
                    codes::SCHEMA_ENUM_DUPLICATES,
                    format!(
                        "`{}` and `{}` are both written `{w}` in JSON: documents could not tell them apart",
                        out[j].listed, out[i].listed
                    ),
                );
                return None;
            }
        }
        *values = wire;
        Some(out)
    }

    /// Core annotations that change no wire form: `precision` and `scale` (counts of digits)
    /// and the content annotations of `binary`, kept for the docs.
    pub(super) fn annotations(&mut self, node: &Node) -> Vec<String> {
        let mut out = Vec::new();
        for (keyword, label) in [("precision", "Precision"), ("scale", "Scale")] {
            if let Some(v) = node.get(keyword) {
                match &v.kind {
                    Kind::Number(raw) if raw.parse::<u32>().is_ok() => {
                        out.push(format!("{label}: {raw} digits."));
                    }
                    _ => self.wrong_keyword_type(v, keyword, "a non-negative integer"),
                }
            }
        }
        for (keyword, label) in [
            ("contentMediaType", "Media type"),
            ("contentCompression", "Compression"),
        ] {
            if let Some(v) = node.get(keyword).and_then(Node::as_str) {
                out.push(format!("{label}: `{v}`."));
            }
        }
        out.extend(self.altnames_doc(node));
        out
    }

    /// The docs' sentence for `altnames` other than `json` (which renames the key instead).
    pub(super) fn altnames_doc(&mut self, node: &Node) -> Option<String> {
        let altnames = node.get("altnames")?;
        if let Some(items) = altnames.as_array() {
            return self.altnames_list(altnames, items);
        }
        let names: Vec<String> = altnames
            .as_object()?
            .iter()
            .filter(|m| m.key != "json")
            .filter_map(|m| Some(format!("{} `{}`", m.key, m.value.as_str()?)))
            .collect();
        (!names.is_empty()).then(|| format!("Also known as: {}.", names.join(", ")))
    }

    /// The `contentEncoding` of a `binary` schema; other types ignore it (constraints.rs warns).
    pub(super) fn encoding(&mut self, node: &Node, ty: &Ty) -> BinaryEncoding {
        let Some(value) = node.get("contentEncoding") else {
            return BinaryEncoding::default();
        };
        if !matches!(ty, Ty::Primitive(Primitive::Binary)) {
            return BinaryEncoding::default();
        }
        match value.as_str().and_then(BinaryEncoding::from_name) {
            Some(encoding) => encoding,
            None => {
                let names: Vec<_> = BinaryEncoding::ALL.iter().map(|(_, n)| *n).collect();
                self.error(
                    value,
                    codes::SCHEMA_KEYWORD_INVALID_TYPE,
                    format!("`contentEncoding` must be one of {}", names.join(", ")),
                );
                BinaryEncoding::default()
            }
        }
    }
}
