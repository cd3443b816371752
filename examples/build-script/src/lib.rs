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

pub mod orders {
    include!(concat!(env!("OUT_DIR"), "/orders.rs"));
}
