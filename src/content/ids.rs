//! Typed indices: a page, a section and a red flag are each numbered by their place in the
//! guide (or the registry), and the types keep one from being used for another.

use typed_index_collections::TiVec;

macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(usize);

        impl From<usize> for $name {
            fn from(index: usize) -> Self {
                $name(index)
            }
        }

        impl From<$name> for usize {
            fn from(id: $name) -> usize {
                id.0
            }
        }

        impl $name {
            /// The place in its list, counted from 0.
            pub fn index(self) -> usize {
                self.0
            }
        }
    };
}

id!(
    /// A page: its place in [`Guide::pages`](super::Guide::pages).
    PageId
);
id!(
    /// A section (a folder of the content dir): its place in
    /// [`Guide::sections`](super::Guide::sections). The root folder is [`SectionId::ROOT`].
    SectionId
);
id!(
    /// A red flag: its place in the registry's list of red flags.
    FlagId
);

impl SectionId {
    /// The content folder itself.
    pub const ROOT: SectionId = SectionId(0);
}

/// Something kept for each page, in page order.
pub type PerPage<T> = TiVec<PageId, T>;
