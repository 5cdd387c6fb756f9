//! The `x-apipagos-check-digit` keyword: the identifier (CUIT, CBU, CVU) whose check digits a
//! string must carry. (An object-level declaration, `{property, by, kinds}`, reaches the checker
//! as JSON Schema conditionals on the property: see `apipagos_codegen`'s model.)

use crate::identifiers::{Cbu, Cuit, Cvu};

/// Which identifier a check digit guards.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Identifier {
    Cuit,
    Cbu,
    Cvu,
}

impl Identifier {
    /// The identifier a declaration (`"cuit"`, `"cbu"`, `"cvu"`) names.
    pub(crate) fn named(name: &str) -> Option<Identifier> {
        match name {
            "cuit" => Some(Identifier::Cuit),
            "cbu" => Some(Identifier::Cbu),
            "cvu" => Some(Identifier::Cvu),
            _ => None,
        }
    }

    /// Why `text` is not a valid identifier of this kind (the message never holds the number).
    pub(crate) fn fault(self, text: &str) -> Option<String> {
        let res = match self {
            Identifier::Cuit => Cuit::parse(text).map(|_| ()),
            Identifier::Cbu => Cbu::parse(text).map(|_| ()),
            Identifier::Cvu => Cvu::parse(text).map(|_| ()),
        };
        res.err().map(|err| err.to_string())
    }
}
