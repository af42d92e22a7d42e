//! NCBI E-utilities: the HTTP client (efetch, esearch, ID converter) and the efetch XML parser.

pub mod parse;
