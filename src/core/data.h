/* data.h - tables embedded from data/ by cmake/embed.cmake (NUL-terminated byte arrays). */
#ifndef NF_DATA_H
#define NF_DATA_H
#include <stddef.h>
extern const unsigned char nf__data_boilerplate_txt[];
extern const size_t nf__data_boilerplate_txt_len;
extern const unsigned char nf__data_abbreviations_txt[];
extern const size_t nf__data_abbreviations_txt_len;
extern const unsigned char nf__data_stopwords_txt[];
extern const size_t nf__data_stopwords_txt_len;
/* ROUGE-1.5.5's smart_common_words.txt and WordNet-2.0 exception list (see data/README.md). */
extern const unsigned char nf__data_rouge_stopwords_txt[];
extern const size_t nf__data_rouge_stopwords_txt_len;
extern const unsigned char nf__data_rouge_exceptions_tsv[];
extern const size_t nf__data_rouge_exceptions_tsv_len;
extern const unsigned char nf__data_brief_aliases_txt[];
extern const size_t nf__data_brief_aliases_txt_len;
extern const unsigned char nf__data_brief_lexicon_txt[];
extern const size_t nf__data_brief_lexicon_txt_len;
extern const unsigned char nf__data_brief_words_txt[];
extern const size_t nf__data_brief_words_txt_len;
#endif
