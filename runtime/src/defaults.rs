//! The schema's `default`s, filled into absent properties. Generated structs implement
//! [`Defaults::fill_defaults`] for their own defaulted properties and the values they hold;
//! the containers generated types are made of pass it on, so a generated fill is one line per
//! property whatever its type.

use std::collections::{BTreeMap, HashMap};

/// A value whose absent properties can take the schema's defaults.
pub trait Defaults {
    /// Sets every absent property that has a schema default to it, in nested values too.
    fn fill_defaults(&mut self);

    /// The value with every absent property that has a schema default set to it, in nested
    /// values too.
    #[must_use]
    fn with_defaults(mut self) -> Self
    where
        Self: Sized,
    {
        self.fill_defaults();
        self
    }
}

impl<T: Defaults> Defaults for Option<T> {
    fn fill_defaults(&mut self) {
        if let Some(value) = self {
            value.fill_defaults();
        }
    }
}

impl<T: Defaults + ?Sized> Defaults for Box<T> {
    fn fill_defaults(&mut self) {
        (**self).fill_defaults();
    }
}

impl<T: Defaults> Defaults for Vec<T> {
    fn fill_defaults(&mut self) {
        self.iter_mut().for_each(Defaults::fill_defaults);
    }
}

impl<K, T: Defaults> Defaults for BTreeMap<K, T> {
    fn fill_defaults(&mut self) {
        self.values_mut().for_each(Defaults::fill_defaults);
    }
}

impl<K, T: Defaults, S> Defaults for HashMap<K, T, S> {
    fn fill_defaults(&mut self) {
        self.values_mut().for_each(Defaults::fill_defaults);
    }
}

/// Declares the schema's defaults of generated structs: per defaulted property a function
/// returning the default and an accessor that supplies it when the property is absent, and
/// each struct's [`Defaults`] impl (defaulted properties set, then the properties whose values
/// hold defaults filled).
///
/// A defaulted property is `kind field("json name"): Type = default, "default as JSON" =>
/// default_fn;`, where the kind says what the accessor returns: `copy` (the value) or `str`
/// (a `&str`; the default is a string literal). The docs name the property by its JSON name
/// and show the default as JSON: either may be left out where it reads as the Rust does. The generator writes defaults that are
/// expressions (parsed values, collections, nested values) out as code instead.
///
/// ```
/// use jstruct_runtime::Defaults;
///
/// #[derive(Debug, Clone, Copy, PartialEq)]
/// pub enum Kind { Big }
///
/// #[derive(Debug, Default, PartialEq)]
/// pub struct Job {
///     pub size: Option<i32>,
///     pub kind: Option<Kind>,
///     pub region: Option<String>,
///     pub child: Option<Box<Job>>,
/// }
///
/// jstruct_runtime::defaults! {
///     Job {
///         default {
///             copy size: i32 = 3 => default_size;
///             str region("regionName"): String = "eu" => default_region;
///             copy kind: Kind = Kind::Big, "\"big\"" => default_kind;
///         }
///         fill {
///             child;
///         }
///     }
/// }
///
/// let job = Job { child: Some(Box::default()), ..Job::default() };
/// assert_eq!((job.size(), job.region(), job.kind()), (3, "eu", Kind::Big));
/// let filled = job.with_defaults();
/// assert_eq!(filled.child.unwrap().size, Some(3));
/// assert_eq!(Job::default_region(), "eu");
/// ```
#[macro_export]
macro_rules! defaults {
    ($(
        $target:ident {
            $( default { $(
                $kind:ident $field:ident $( ( $json:literal ) )? : $ty:ty = $default:expr
                    $( , $text:literal )? => $default_fn:ident;
            )* } )?
            $( fill { $( $nested:ident; )* } )?
        }
    )*) => {$(
        $(
            impl $target {
                $(
                    #[doc = concat!(
                        "The schema's default for `", $crate::__first!($($json,)? stringify!($field)),
                        "`: `", $crate::__first!($($text,)? stringify!($default)), "`."
                    )]
                    pub fn $default_fn() -> $ty {
                        $crate::__default_value!($kind $default)
                    }

                    #[doc = concat!(
                        "`", $crate::__first!($($json,)? stringify!($field)),
                        "`, or the schema's default (`", $crate::__first!($($text,)? stringify!($default)),
                        "`) when it is absent."
                    )]
                    $crate::__default_accessor!($kind $field: $ty = $default => $default_fn);
                )*
            }
        )?

        impl $crate::Defaults for $target {
            fn fill_defaults(&mut self) {
                $( $( self.$field.get_or_insert_with(Self::$default_fn); )* )?
                $( $( $crate::Defaults::fill_defaults(&mut self.$nested); )* )?
            }
        }
    )*};
}

/// The first of its arguments: an optional one, or the fallback after it.
#[doc(hidden)]
#[macro_export]
macro_rules! __first {
    ($first:expr $(, $rest:expr)*) => {
        $first
    };
}

/// A default's value: a `str` default is a literal, made a `String`.
#[doc(hidden)]
#[macro_export]
macro_rules! __default_value {
    (str $default:expr) => {
        ::std::string::String::from($default)
    };
    ($kind:ident $default:expr) => {
        $default
    };
}

/// The accessor of a defaulted property of a kind.
#[doc(hidden)]
#[macro_export]
macro_rules! __default_accessor {
    (copy $field:ident: $ty:ty = $default:expr => $default_fn:ident) => {
        pub fn $field(&self) -> $ty {
            self.$field.unwrap_or_else(Self::$default_fn)
        }
    };
    (str $field:ident: $ty:ty = $default:expr => $default_fn:ident) => {
        pub fn $field(&self) -> &str {
            self.$field.as_deref().unwrap_or($default)
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq, Default)]
    struct Leaf {
        size: Option<i32>,
    }

    impl Defaults for Leaf {
        fn fill_defaults(&mut self) {
            self.size.get_or_insert(7);
        }
    }

    #[test]
    fn containers_fill_every_value_they_hold() {
        let absent = Leaf::default();
        let given = Leaf { size: Some(1) };
        let filled = Leaf { size: Some(7) };
        assert_eq!(Some(absent.clone()).with_defaults(), Some(filled.clone()));
        assert_eq!(None::<Leaf>.with_defaults(), None);
        assert_eq!(
            vec![absent.clone(), given.clone()].with_defaults(),
            [filled.clone(), given.clone()]
        );
        let map: BTreeMap<&str, Option<Box<Leaf>>> = [("a", Some(Box::new(absent.clone())))].into();
        assert_eq!(map.with_defaults()["a"].as_deref(), Some(&filled));
        let mut hashed: HashMap<u8, Vec<Leaf>> = [(1, vec![absent])].into();
        hashed.fill_defaults();
        assert_eq!(hashed[&1], [filled]);
    }
}
