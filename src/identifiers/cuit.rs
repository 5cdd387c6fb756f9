//! [`Cuit`]: CUIT/CUIL, the Argentine tax id of people and companies.

use super::{digits, identifier_impls, IdentifierError};

/// A CUIT or CUIL: 11 digits, a prefix AFIP issues, and a valid mod-11 check digit.
///
/// Accepts `20392079018` or `20-39207901-8`; holds and serializes the 11 digits.
///
/// ```
/// use apipagos::identifiers::Cuit;
///
/// let cuit: Cuit = "20-39207901-8".parse().unwrap();
/// assert_eq!(cuit.as_ref(), "20392079018");
/// assert_eq!(cuit.formatted(), "20-39207901-8");
/// assert!("20-39207901-7".parse::<Cuit>().is_err()); // wrong check digit
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Cuit(String);

const KIND: &str = "CUIT";
const PREFIXES: [&str; 9] = ["20", "23", "24", "25", "26", "27", "30", "33", "34"];
const WEIGHTS: [u32; 10] = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

impl Cuit {
    /// Validates a CUIT/CUIL (digits, with optional `-`, space or `.` separators).
    pub fn parse(text: &str) -> Result<Cuit, IdentifierError> {
        let digits = digits(text, KIND, true)?;
        if digits.len() != 11 {
            return Err(IdentifierError::Length {
                kind: KIND,
                expected: 11,
                found: digits.len(),
            });
        }
        let number: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
        if !PREFIXES.contains(&&number[..2]) {
            return Err(IdentifierError::CuitPrefix {
                prefix: number[..2].to_owned(),
            });
        }
        if check_digit(&digits[..10]) != Some(digits[10]) {
            return Err(IdentifierError::CheckDigit {
                kind: KIND,
                which: None,
            });
        }
        Ok(Cuit(number))
    }

    /// The CUIT as AFIP prints it: `20-39207901-8`.
    pub fn formatted(&self) -> String {
        format!("{}-{}-{}", &self.0[..2], &self.0[2..10], &self.0[10..])
    }

    /// Whether it is a company's (prefix 30, 33 or 34) rather than a person's.
    pub fn is_company(&self) -> bool {
        matches!(&self.0[..2], "30" | "33" | "34")
    }
}

/// The mod-11 check digit of the first 10 digits; `None` when the remainder gives 10 (AFIP then
/// issues the number under another prefix, so no valid CUIT ends that way).
fn check_digit(first_ten: &[u8]) -> Option<u8> {
    let sum: u32 = first_ten
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(*d) * w)
        .sum();
    match 11 - sum % 11 {
        11 => Some(0),
        10 => None,
        digit => u8::try_from(digit).ok(),
    }
}

identifier_impls!(Cuit);
