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
