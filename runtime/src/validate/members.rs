//! [`Members`]: an object's members as the shape of a type with `N` declared members reads
//! them.

use serde::de::{IgnoredAny, MapAccess};

use super::checker::Checker;
use super::shape::{Key, Seed, Shape};
use super::violation_code::ViolationCode;

/// The members of an object being read: each declared member (named by its index in the
/// schema's order) read against its shape, the others read or skipped, and afterwards which
/// declared members were there.
pub struct Members<A, const N: usize> {
    map: A,
    present: [bool; N],
}

impl<'de, A: MapAccess<'de>, const N: usize> Members<A, N> {
    /// Starts reading `map`, no declared member seen yet.
    pub fn new(map: A) -> Self {
        Members {
            map,
            present: [false; N],
        }
    }

    /// The next member's name, or `None` at the end of the object.
    #[inline]
    pub fn next_key(&mut self) -> Result<Option<Key<'de>>, A::Error> {
        self.map.next_key()
    }

    /// Reads declared member `index`, which `c` has just entered, against `shape`. A second
    /// member of the same name is a violation: a repeated member has no single meaning, and
    /// serde rejects it too.
    #[inline]
    pub fn read<S: Shape>(
        &mut self,
        c: &mut Checker,
        index: usize,
        shape: S,
    ) -> Result<(), A::Error> {
        if std::mem::replace(&mut self.present[index], true) {
            c.repeated_member();
        }
        self.map.next_value_seed(Seed(c, shape))
    }

    /// Reads a member the type does not declare against `shape` (the schema's
    /// `additionalProperties`).
    #[inline]
    pub fn read_other<S: Shape>(&mut self, c: &mut Checker, shape: S) -> Result<(), A::Error> {
        self.map.next_value_seed(Seed(c, shape))
    }

    /// Skips the value of the member just read.
    #[inline]
    pub fn skip(&mut self) -> Result<(), A::Error> {
        self.map.next_value::<IgnoredAny>().map(drop)
    }

    /// Whether declared member `index` was read.
    #[inline]
    pub fn has(&self, index: usize) -> bool {
        self.present[index]
    }

    /// Reports each required member, `(index, name)`, that was not read.
    pub fn require(&self, c: &mut Checker, required: &[(usize, &str)]) {
        for &(index, name) in required {
            if !self.present[index] {
                c.report(
                    ViolationCode::RequiredPropertyMissing,
                    format!("Missing required property: {name}"),
                );
            }
        }
    }
}
