//! Walking every page of a listing as one stream of items.
//!
//! Listings return Laravel's envelope: `data` (the items of one page), `links` and `meta`
//! (`current_page`, `last_page`, …). [`paginate`] asks for page 1, 2, … until `last_page`, and
//! yields the items one by one.

use std::future::Future;
use std::num::NonZeroU64;

use futures::stream::{self, Stream};

use crate::types::PageMeta;
use crate::{ApiError, Error, ResponseValue};

/// The envelope of one page of a listing (implemented for every listing of the spec by
/// `build.rs`).
pub trait Page {
    /// The type of the items listed.
    type Item;
    /// The items of this page and the pagination metadata.
    fn into_parts(self) -> (Vec<Self::Item>, Option<PageMeta>);
}

include!(concat!(env!("OUT_DIR"), "/pages.rs"));

/// Streams every item of a listing, page after page.
///
/// `fetch` sends the request for one page number (set the other parameters, such as `per_page`,
/// in it). The stream follows `meta.current_page`/`meta.last_page`: no page is skipped or fetched
/// twice. An error (of a request, or a server answering another page than the one asked for)
/// is yielded and ends the stream. A page without `meta` ends the listing.
///
/// ```no_run
/// use futures::TryStreamExt;
/// use apipagos::{paginate, Client};
///
/// # async fn run(client: &Client) -> Result<(), apipagos::ApiError> {
/// let refunds: Vec<_> = paginate(|page| client.list_refunds().page(page).per_page(100).send())
///     .try_collect()
///     .await?;
/// # Ok(())
/// # }
/// ```
pub fn paginate<P, F, Fut>(fetch: F) -> impl Stream<Item = Result<P::Item, ApiError>>
where
    P: Page,
    F: FnMut(NonZeroU64) -> Fut,
    Fut: Future<Output = Result<ResponseValue<P>, ApiError>>,
{
    struct State<F, I> {
        fetch: F,
        next_page: Option<NonZeroU64>,
        buffered: std::vec::IntoIter<I>,
    }

    let start = State {
        fetch,
        next_page: Some(NonZeroU64::MIN),
        buffered: Vec::new().into_iter(),
    };
    stream::unfold(start, |mut state| async move {
        loop {
            if let Some(item) = state.buffered.next() {
                return Some((Ok(item), state));
            }
            let page = state.next_page.take()?;
            let (items, meta) = match (state.fetch)(page).await {
                Ok(response) => response.into_inner().into_parts(),
                Err(err) => return Some((Err(err), state)),
            };
            match next_page(page, meta.as_ref()) {
                Ok(next) => state.next_page = next,
                Err(message) => {
                    let err = ApiError::new("paginate", Error::Custom(message));
                    return Some((Err(err), state));
                }
            }
            state.buffered = items.into_iter();
        }
    })
}

/// The page after `asked`, from the server's metadata; an error when the server answered another
/// page than the one asked for (following it could skip or repeat pages).
fn next_page(asked: NonZeroU64, meta: Option<&PageMeta>) -> Result<Option<NonZeroU64>, String> {
    let Some(meta) = meta else { return Ok(None) };
    let current = meta.current_page.map(|p| p.get());
    let last = meta.last_page.map(|p| p.get());
    if let Some(current) = current {
        if u64::try_from(current).ok() != Some(asked.get()) {
            return Err(format!(
                "asked for page {asked}, the server answered page {current}"
            ));
        }
    }
    match last {
        Some(last) if u64::try_from(last).is_ok_and(|last| asked.get() < last) => {
            Ok(asked.checked_add(1))
        }
        _ => Ok(None),
    }
}
