//! Builders of generated structs, declared by [`builder!`](crate::builder!): the generator
//! states the fields, their JSON names and docs; the pattern (a struct of `Option` slots,
//! `Into` setters, a `build()` that names every unset required field) is written once here.

/// Declares `Target::builder()` and the builder `Builder` of a generated struct `Target`.
///
/// ```
/// #[derive(Debug, PartialEq)]
/// pub struct Job {
///     pub name: String,
///     pub tags: Option<Vec<String>>,
///     pub size: Option<i32>,
/// }
///
/// jstruct_runtime::builder! {
///     /// Builds a [`Job`].
///     Job => JobBuilder {
///         required {
///             value name: String = "name";
///         }
///         optional {
///             /// The job's labels.
///             list tags: String = "tags";
///             value size: i32 = "size";
///         }
///     }
/// }
///
/// let job = Job::builder().name("n").tags(["a"]).build().unwrap();
/// assert_eq!(job, Job { name: "n".into(), tags: Some(vec!["a".into()]), size: None });
/// assert_eq!(
///     Job::builder().size(3).build().unwrap_err().to_string(),
///     "cannot build Job: missing required field `name`"
/// );
/// ```
///
/// A field is declared by its kind, name, type and JSON name: `value name: T = "json"` (the
/// setter takes `impl Into<T>`), `list name: T = "json"` (a `Vec<T>`; the setter takes any
/// iterable of `impl Into<T>`) or `unit name: () = "json"` (a `null` member: the setter only
/// marks it present). A setter's doc is "Sets `json`.", followed by the field's own docs. One
/// call may declare the builders of several structs. `additional name: T;` after `optional` adds the map of undeclared
/// members and its `additional_property` setter.
#[macro_export]
macro_rules! builder {
    ($(
        $(#[$doc:meta])*
        $target:ident => $builder:ident {
            required { $( $(#[$rm:meta])* $rkind:ident $req:ident : $rty:ty = $rjson:literal; )* }
            optional { $( $(#[$om:meta])* $okind:ident $opt:ident : $oty:ty = $ojson:literal; )* }
            $( additional $add:ident : $aty:ty; )?
        }
    )*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Default)]
        #[must_use]
        pub struct $builder {
            $( $req: ::core::option::Option<$crate::__builder_slot!($rkind $rty)>, )*
            $( $opt: ::core::option::Option<$crate::__builder_slot!($okind $oty)>, )*
            $( $add: ::std::collections::BTreeMap<::std::string::String, $aty>, )?
        }

        impl $target {
            /// A builder with no field set.
            pub fn builder() -> $builder {
                <$builder as ::core::default::Default>::default()
            }
        }

        impl $builder {
            $( $crate::__builder_setter!(#[doc = concat!("Sets `", $rjson, "`.")] $(#[$rm])* $req $rkind $rty); )*
            $( $crate::__builder_setter!(#[doc = concat!("Sets `", $ojson, "`.")] $(#[$om])* $opt $okind $oty); )*
            $(
                /// Adds a property the schema does not declare (`additionalProperties`).
                pub fn additional_property(
                    mut self,
                    name: impl ::core::convert::Into<::std::string::String>,
                    value: impl ::core::convert::Into<$aty>,
                ) -> Self {
                    self.$add.insert(name.into(), value.into());
                    self
                }
            )?

            /// Builds the value (unset optional fields stay absent; their accessors supply the
            /// schema's defaults); fails naming every unset required field.
            pub fn build(self) -> ::core::result::Result<$target, $crate::BuildError> {
                $crate::__builder_build!(self, $target { $($req = $rjson),* } { $($opt),* } { $($add)? })
            }
        }
    )*};
}

/// The slot type of a builder field of a kind.
#[doc(hidden)]
#[macro_export]
macro_rules! __builder_slot {
    (value $ty:ty) => { $ty };
    (list $ty:ty) => { ::std::vec::Vec<$ty> };
    (unit $ty:ty) => { () };
}

/// The setter of a builder field of a kind.
#[doc(hidden)]
#[macro_export]
macro_rules! __builder_setter {
    ($(#[$m:meta])* $field:ident value $ty:ty) => {
        $(#[$m])*
        pub fn $field(mut self, value: impl ::core::convert::Into<$ty>) -> Self {
            self.$field = ::core::option::Option::Some(value.into());
            self
        }
    };
    ($(#[$m:meta])* $field:ident list $ty:ty) => {
        $(#[$m])*
        pub fn $field(
            mut self,
            values: impl ::core::iter::IntoIterator<Item = impl ::core::convert::Into<$ty>>,
        ) -> Self {
            self.$field = ::core::option::Option::Some(
                values.into_iter().map(::core::convert::Into::into).collect(),
            );
            self
        }
    };
    ($(#[$m:meta])* $field:ident unit $ty:ty) => {
        $(#[$m])*
        pub fn $field(mut self) -> Self {
            self.$field = ::core::option::Option::Some(());
            self
        }
    };
}

/// `build()`'s body: with no required field it cannot fail.
#[doc(hidden)]
#[macro_export]
macro_rules! __builder_build {
    ($this:ident, $target:ident { } { $($opt:ident),* } { $($add:ident)? }) => {
        ::core::result::Result::Ok($target { $( $opt: $this.$opt, )* $( $add: $this.$add, )? })
    };
    ($this:ident, $target:ident { $($req:ident = $json:literal),+ } { $($opt:ident),* } { $($add:ident)? }) => {
        match ($($this.$req,)+) {
            ($(::core::option::Option::Some($req),)+) => ::core::result::Result::Ok($target {
                $( $req, )+
                $( $opt: $this.$opt, )*
                $( $add: $this.$add, )?
            }),
            ($($req,)+) => {
                let mut missing = ::std::vec::Vec::new();
                $( if $req.is_none() { missing.push($json); } )+
                ::core::result::Result::Err($crate::BuildError::new(::core::stringify!($target), missing))
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    #[derive(Debug, PartialEq)]
    pub struct Order {
        id: String,
        qty: i64,
        note: Option<String>,
        lines: Option<Vec<String>>,
        gift: Option<()>,
        extra: BTreeMap<String, serde_json::Value>,
    }

    crate::builder! {
        /// Builds an [`Order`].
        Order => OrderBuilder {
            required {
                value id: String = "id";
                value qty: i64 = "quantity";
            }
            optional {
                value note: String = "note";
                list lines: String = "lines";
                unit gift: () = "gift";
            }
            additional extra: serde_json::Value;
        }
    }

    #[derive(Debug, PartialEq, Default)]
    pub struct Empty {
        note: Option<String>,
    }

    crate::builder! {
        Empty => EmptyBuilder {
            required {}
            optional { value note: String = "note"; }
        }
    }

    #[test]
    fn build_names_every_unset_required_field_in_order() {
        let error = Order::builder().note("n").build().unwrap_err();
        assert_eq!(error.type_name(), "Order");
        assert_eq!(error.missing(), ["id", "quantity"]);
        assert_eq!(
            Order::builder().qty(1).build().unwrap_err().missing(),
            ["id"]
        );
    }

    #[test]
    fn setters_convert_and_collect() {
        let order = Order::builder()
            .id("a")
            .qty(2i32)
            .lines(["x", "y"])
            .gift()
            .additional_property("k", 1)
            .build()
            .unwrap();
        assert_eq!(
            order,
            Order {
                id: "a".into(),
                qty: 2,
                note: None,
                lines: Some(vec!["x".into(), "y".into()]),
                gift: Some(()),
                extra: [("k".to_string(), serde_json::json!(1))].into(),
            }
        );
        assert_eq!(Empty::builder().build().unwrap(), Empty::default());
        assert_eq!(
            Empty::builder().note("n").build().unwrap().note.as_deref(),
            Some("n")
        );
    }
}
