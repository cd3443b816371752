//! Types generated from `schemas/orders.struct.json` by the build script (`build.rs`, through
//! `codegen::build_script`), included as a module: the pattern of prost-build and typify's
//! build-script use, with this workspace's generator.
//!
//! ```
//! use build_script_example::orders::{Order, OrderStatus, Validate};
//!
//! let order: Order = serde_json::from_str(
//!     r#"{"id": "o-1", "customer": {"name": "Ada"}, "lines": [{"sku": "tea", "quantity": 2}]}"#,
//! )
//! .unwrap();
//! assert_eq!(order.status(), OrderStatus::Open); // the schema's default
//! assert!(order.validate().is_ok());
//! ```

pub mod customer;

/// The schema's types, `Customer` being [`customer::Customer`] (see build.rs).
pub mod orders {
    include!(concat!(env!("OUT_DIR"), "/orders.rs"));
}

/// The same schema generated `strict`: its objects, which do not state
/// `additionalProperties`, reject members they do not declare, when read and when validated.
pub mod strict_orders {
    include!(concat!(env!("OUT_DIR"), "/strict_orders.rs"));
}
