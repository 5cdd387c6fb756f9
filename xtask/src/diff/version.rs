//! The semver verdict against the crate's versions: the bump a change needs (from
//! [`Report::bump`](super::Report::bump)) and whether the version at HEAD makes it, with Cargo's
//! reading of `0.y.z` (a breaking change bumps `y`, anything else `z`).

use std::fmt;

use super::Bump;

/// A `major.minor.patch` version (a pre-release or build suffix is ignored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Version {
    pub(crate) major: u64,
    pub(crate) minor: u64,
    pub(crate) patch: u64,
}

/// Why the version at HEAD does not make the bump the change needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum VersionError {
    /// A version is missing or not `major.minor.patch`.
    Unreadable {
        /// `BASE` or `HEAD`.
        side: &'static str,
        /// What was read, if anything.
        value: Option<String>,
    },
    /// The version at HEAD is below the least one the change needs.
    NotBumped {
        needed: Bump,
        base: Version,
        head: Version,
        minimum: Version,
    },
}

impl Version {
    /// `0.1.0`, `1.2.3-rc.1` (read as `1.2.3`).
    pub(crate) fn parse(text: &str) -> Option<Version> {
        let core = text.trim().split(['-', '+']).next()?;
        let mut parts = core.split('.').map(|it| it.parse::<u64>().ok());
        let version = Version {
            major: parts.next()??,
            minor: parts.next()??,
            patch: parts.next()??,
        };
        parts.next().is_none().then_some(version)
    }

    /// The next version for a change of level `bump`.
    pub(crate) fn next(self, bump: Bump) -> Version {
        let Version {
            major,
            minor,
            patch,
        } = self;
        let (major, minor, patch) = match (bump, major) {
            (Bump::Major, 0) => (0, minor + 1, 0),
            (Bump::Minor | Bump::Patch, 0) => (0, minor, patch + 1),
            (Bump::Major, _) => (major + 1, 0, 0),
            (Bump::Minor, _) => (major, minor + 1, 0),
            (Bump::Patch, _) => (major, minor, patch + 1),
        };
        Version {
            major,
            minor,
            patch,
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

impl fmt::Display for VersionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VersionError::Unreadable { side, value: None } => write!(
                f,
                "no crate version at {side}: pass --{}-version",
                side.to_lowercase()
            ),
            VersionError::Unreadable {
                side,
                value: Some(value),
            } => write!(
                f,
                "the crate version at {side} is `{value}`, not major.minor.patch"
            ),
            VersionError::NotBumped {
                needed,
                base,
                head,
                minimum,
            } => write!(
                f,
                "the change needs a {} bump of the crate: version {head} at HEAD, at least {minimum} needed (from {base}): bump `version` in Cargo.toml",
                needed.as_str()
            ),
        }
    }
}

impl std::error::Error for VersionError {}

/// Whether going from version `base` to `head` makes the bump a change of level `bump` needs.
/// Only major and minor changes need one (a patch-level change may ride along with the next
/// release); `None` (no change) needs nothing.
pub(crate) fn check(
    bump: Option<Bump>,
    base: Option<&str>,
    head: Option<&str>,
) -> Result<(), VersionError> {
    let read = |side: &'static str, value: Option<&str>| {
        value
            .and_then(Version::parse)
            .ok_or_else(|| VersionError::Unreadable {
                side,
                value: value.map(str::to_owned),
            })
    };
    let (base, head) = (read("BASE", base)?, read("HEAD", head)?);
    let Some(needed) = bump.filter(|it| *it >= Bump::Minor) else {
        return Ok(());
    };
    let minimum = base.next(needed);
    // A bigger bump than needed is fine (1.2.3 → 2.0.0 for a minor change), a smaller one is not.
    if head >= minimum {
        return Ok(());
    }
    Err(VersionError::NotBumped {
        needed,
        base,
        head,
        minimum,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(bump: Option<Bump>, base: &str, head: &str) -> Result<(), String> {
        check(bump, Some(base), Some(head)).map_err(|err| err.to_string())
    }

    #[test]
    fn zero_major_versions_follow_cargo() {
        // 0.y.z: a breaking change bumps y.
        assert!(verdict(Some(Bump::Major), "0.1.0", "0.2.0").is_ok());
        assert!(verdict(Some(Bump::Major), "0.1.3", "1.0.0").is_ok());
        assert_eq!(
            verdict(Some(Bump::Major), "0.1.0", "0.1.1"),
            Err("the change needs a major bump of the crate: version 0.1.1 at HEAD, at least 0.2.0 needed (from 0.1.0): bump `version` in Cargo.toml".to_owned())
        );
        assert!(verdict(Some(Bump::Major), "0.1.0", "0.1.0").is_err());
        // An addition bumps z.
        assert!(verdict(Some(Bump::Minor), "0.1.0", "0.1.1").is_ok());
        assert!(verdict(Some(Bump::Minor), "0.1.0", "0.1.0").is_err());
    }

    #[test]
    fn stable_versions() {
        assert!(verdict(Some(Bump::Major), "1.2.3", "2.0.0").is_ok());
        assert!(verdict(Some(Bump::Major), "1.2.3", "1.3.0").is_err());
        assert!(verdict(Some(Bump::Minor), "1.2.3", "1.3.0").is_ok());
        assert!(verdict(Some(Bump::Minor), "1.2.3", "2.0.0").is_ok());
        assert!(verdict(Some(Bump::Minor), "1.2.3", "1.2.4").is_err());
    }

    #[test]
    fn patch_changes_and_no_change_need_no_bump() {
        assert!(verdict(Some(Bump::Patch), "1.2.3", "1.2.3").is_ok());
        assert!(verdict(None, "0.1.0", "0.1.0").is_ok());
    }

    #[test]
    fn unreadable_versions_are_errors() {
        assert_eq!(
            check(Some(Bump::Major), None, Some("0.1.0")).map_err(|err| err.to_string()),
            Err("no crate version at BASE: pass --base-version".to_owned())
        );
        assert_eq!(
            verdict(None, "0.1.0", "one"),
            Err("the crate version at HEAD is `one`, not major.minor.patch".to_owned())
        );
        assert_eq!(Version::parse("1.2.3-rc.1"), Version::parse("1.2.3"));
        assert_eq!(Version::parse("1.2"), None);
        assert_eq!(Version::parse("1.2.3.4"), None);
    }
}
