/* The per-block text features of cleanfeed/features.py in C: the columns _own_features
 * computes from a block's text, and the block's token shape (_shape), for a whole page in
 * one call.
 *
 * In Python these cost one regular-expression scan for words, one for sentence ends, one
 * for the shape, and a dozen str calls per block: about 30 µs of the 34 µs a block spent
 * in the feature stage.  Here every text is read once per feature group, with nothing
 * allocated but the few words short enough to be function words.
 *
 * The same values to the bit, by following the Python step for step:
 *
 *   - character counts use Python's own character database (Py_UNICODE_ISALPHA, ISUPPER,
 *     ISDIGIT, ISALNUM, ISSPACE), which is what the str methods use;
 *   - the classes of the `regex` patterns (\p{L}, \p{M}, \p{N}, \p{Lu}, [\p{Ll}\p{Lo}], \s)
 *     come from a table features.py builds from `regex` itself for every code point of the
 *     Basic Multilingual Plane, since `regex` follows a newer Unicode than Python's
 *     database; a text holding a character beyond that plane (emoji, historic scripts) is
 *     left to the Python code, which the caller runs for the rows this call names;
 *   - function and first-person words are looked up in features.py's own sets, after
 *     str.lower, for words no longer than the longest entry (lower-casing never shortens
 *     a word);
 *   - each float is the same expression in the same order (log1p from the same C
 *     library), so tests/test_features.py compares the matrices with array_equal.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

/* Bits of the class table (one byte per BMP code point; features._class_table). */
#define C_WORDPART 1 /* [\p{L}\p{M}'’]: continues a word and a shape token */
#define C_NUMBER 2   /* \p{N} */
#define C_SPACE 4    /* \s as regex reads it */
#define C_LETTER 8   /* \p{L} */
#define C_UPPER 16   /* \p{Lu} */
#define C_LOWER 32   /* [\p{Ll}\p{Lo}] */

/* Column order of features._OWN (tests/test_features.py compares every column with the Python code). */
enum {
    LOG_CHARS, LOG_WORDS, MEAN_WORD_LEN, UPPER_RATIO, DIGIT_RATIO, PUNCT_RATIO, NONWORD_RATIO, ENDS_SENTENCE,
    ENDS_COLON, ENDS_QUESTION, STARTS_UPPER, TITLE_RATIO, LOG_SENTENCES, FUNCTION_WORD_RATIO, FIRST_PERSON_RATIO,
    EXCLAIM, HAS_PIPE, HAS_AT, HAS_CURRENCY, IS_BULLET, DEPTH, LOG_LINES, BLANK_BEFORE, SHORT, ALL_CAPS, HAS_QUOTE,
    N_OWN
};

#define MAX_SHAPE_CHARS 150
#define MAX_SHAPE_TOKENS 12

static int has_astral(int kind, const void *data, Py_ssize_t n) {
    if (kind != PyUnicode_4BYTE_KIND) return 0;
    for (Py_ssize_t i = 0; i < n; i++)
        if (PyUnicode_READ(kind, data, i) > 0xffff) return 1;
    return 0;
}

static int is_terminator(Py_UCS4 c) { return c == '.' || c == '!' || c == '?' || c == 0x2026; }
static int is_closer(Py_UCS4 c) { return c == '"' || c == '\'' || c == 0x201d || c == 0x2019 || c == ')' || c == ']'; }

/* `[.!?…]["'”’)\]]*(?:\s|$)` matches, counted as findall counts them (none overlap). */
static Py_ssize_t sentence_ends(int kind, const void *data, Py_ssize_t n, const uint8_t *cls) {
    Py_ssize_t count = 0, i = 0;
    while (i < n) {
        if (!is_terminator(PyUnicode_READ(kind, data, i))) { i++; continue; }
        Py_ssize_t j = i + 1;
        while (j < n && is_closer(PyUnicode_READ(kind, data, j))) j++;
        if (j == n) { count++; break; }
        if (cls[PyUnicode_READ(kind, data, j)] & C_SPACE) { count++; i = j + 1; }
        else i++; /* closers are neither terminators nor space: no shorter match here */
    }
    return count;
}

/* The function and first-person words, as features.py's two sets hold them.  ASCII
 * words, most of the words of most pages, are lower-cased and looked up here; a word with
 * any other character is lower-cased by str.lower and looked up in the sets themselves.
 * Entries that are not ASCII ("i’m") can only equal such words. */
#define MAX_ENTRIES 256
#define MAX_ENTRY_LEN 15
#define IN_FUNCTION 1
#define IN_FIRST_PERSON 2
typedef struct {
    char word[MAX_ENTRIES][MAX_ENTRY_LEN + 1];
    uint8_t len[MAX_ENTRIES], flags[MAX_ENTRIES];
    int n;
    Py_ssize_t longest; /* over all entries, ASCII or not */
    PyObject *function_words, *first_person;
} Words;

static int add_entries(Words *w, PyObject *set, uint8_t flag) {
    PyObject *it = PyObject_GetIter(set), *key;
    if (!it) return -1;
    while ((key = PyIter_Next(it))) {
        if (PyUnicode_Check(key)) {
            Py_ssize_t len = PyUnicode_GET_LENGTH(key);
            if (len > w->longest) w->longest = len;
            if (PyUnicode_IS_ASCII(key)) {
                if (len > MAX_ENTRY_LEN || w->n == MAX_ENTRIES) {
                    Py_DECREF(key);
                    Py_DECREF(it);
                    PyErr_SetString(PyExc_ValueError, "the function-word sets are too large for the compiled features");
                    return -1;
                }
                const char *ascii = (const char *)PyUnicode_DATA(key);
                int found = -1;
                for (int e = 0; e < w->n; e++)
                    if (w->len[e] == len && memcmp(w->word[e], ascii, len) == 0) { found = e; break; }
                if (found < 0) {
                    found = w->n++;
                    memcpy(w->word[found], ascii, len);
                    w->len[found] = (uint8_t)len;
                    w->flags[found] = 0;
                }
                w->flags[found] |= flag;
            }
        }
        Py_DECREF(key);
    }
    Py_DECREF(it);
    return PyErr_Occurred() ? -1 : 0;
}

/* IN_FUNCTION | IN_FIRST_PERSON for the word text[start:end]; -1 on error. */
static int word_flags(const Words *w, PyObject *text, Py_ssize_t start, Py_ssize_t end) {
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t len = end - start;
    char lower[MAX_ENTRY_LEN + 1];
    int ascii = len <= MAX_ENTRY_LEN;
    for (Py_ssize_t i = 0; ascii && i < len; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, start + i);
        if (c >= 128) ascii = 0;
        else lower[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    if (ascii) { /* str.lower on ASCII is this */
        for (int e = 0; e < w->n; e++)
            if (w->len[e] == len && memcmp(w->word[e], lower, len) == 0) return w->flags[e];
        return 0;
    }
    PyObject *word = PyUnicode_Substring(text, start, end);
    if (!word) return -1;
    PyObject *lowered = PyObject_CallMethod(word, "lower", NULL);
    Py_DECREF(word);
    if (!lowered) return -1;
    int a = PySet_Contains(w->function_words, lowered);
    int b = a < 0 ? -1 : PySet_Contains(w->first_person, lowered);
    Py_DECREF(lowered);
    if (a < 0 || b < 0) return -1;
    return (a ? IN_FUNCTION : 0) | (b ? IN_FIRST_PERSON : 0);
}

/* The text columns of one block into row[]; 0 on success, -1 on a Python error. */
static int own_row(PyObject *text, Py_ssize_t bullet_len, const uint8_t *cls, const Words *words, double *row) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t alpha = 0, upper = 0, digits = 0, alnum = 0, space = 0, spaces = 0;
    Py_ssize_t n_words = 0, word_chars = 0, title_words = 0, n_function = 0, n_first = 0;
    int exclaim = 0, pipe = 0, at = 0, currency = 0, quote = 0;
    Py_ssize_t i = 0;
    while (i < n) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (cls[c] & (C_WORDPART | C_NUMBER)) {
            Py_ssize_t start = i;
            if (Py_UNICODE_ISUPPER(c)) title_words++;
            while (i < n && (cls[c = PyUnicode_READ(kind, data, i)] & (C_WORDPART | C_NUMBER))) {
                alpha += Py_UNICODE_ISALPHA(c) != 0;
                upper += Py_UNICODE_ISUPPER(c) != 0;
                digits += Py_UNICODE_ISDIGIT(c) != 0;
                alnum += Py_UNICODE_ISALNUM(c) != 0;
                space += Py_UNICODE_ISSPACE(c) != 0;
                i++;
            }
            n_words++;
            word_chars += i - start;
            if (i - start <= words->longest) { /* lower-casing never shortens a word */
                int flags = word_flags(words, text, start, i);
                if (flags < 0) return -1;
                n_function += (flags & IN_FUNCTION) != 0;
                n_first += (flags & IN_FIRST_PERSON) != 0;
            }
            continue;
        }
        alpha += Py_UNICODE_ISALPHA(c) != 0;
        upper += Py_UNICODE_ISUPPER(c) != 0;
        digits += Py_UNICODE_ISDIGIT(c) != 0;
        alnum += Py_UNICODE_ISALNUM(c) != 0;
        space += Py_UNICODE_ISSPACE(c) != 0;
        spaces += c == ' ';
        exclaim |= c == '!';
        pipe |= c == '|';
        at |= c == '@';
        currency |= c == '$' || c == 0xa3 || c == 0x20ac || c == 0xa5;
        quote |= c == '"' || c == 0x201c || c == 0x201d || c == 0xab || c == 0xbb || c == 0x201e;
        i++;
    }
    Py_ssize_t letters = alpha ? alpha : 1;
    Py_ssize_t punct = n - alnum - space;
    Py_ssize_t last_at = n;
    while (last_at > 0 && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, last_at - 1))) last_at--;
    Py_UCS4 last = last_at > 0 ? PyUnicode_READ(kind, data, last_at - 1) : 0;
    Py_ssize_t first_at = bullet_len;
    if (bullet_len > 0)
        while (first_at < n && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, first_at))) first_at++;
    int starts_upper = first_at < n && Py_UNICODE_ISUPPER(PyUnicode_READ(kind, data, first_at));
    double n_max = (double)(n > 1 ? n : 1);
    row[LOG_CHARS] = log1p((double)n);
    row[LOG_WORDS] = log1p((double)n_words);
    row[MEAN_WORD_LEN] = n_words ? (double)word_chars / (double)n_words : 0.0;
    row[UPPER_RATIO] = (double)upper / (double)letters;
    row[DIGIT_RATIO] = (double)digits / n_max;
    row[PUNCT_RATIO] = (double)punct / n_max;
    row[NONWORD_RATIO] = (double)(n - letters - digits - spaces) / n_max;
    /* An empty or blank text ends a sentence: Python's `"" in '.!?…'` is true. */
    row[ENDS_SENTENCE] = last_at == 0 || (last == '.' || last == '!' || last == '?' || last == '"' || last == 0x201d ||
                                          last == 0x2019 || last == ')' || last == 0x2026);
    row[ENDS_COLON] = last == ':';
    row[ENDS_QUESTION] = last == '?';
    row[STARTS_UPPER] = starts_upper;
    row[TITLE_RATIO] = n_words ? (double)title_words / (double)n_words : 0.0;
    row[LOG_SENTENCES] = log1p((double)sentence_ends(kind, data, n, cls));
    row[FUNCTION_WORD_RATIO] = n_words ? (double)n_function / (double)n_words : 0.0;
    row[FIRST_PERSON_RATIO] = n_words ? (double)n_first / (double)n_words : 0.0;
    row[EXCLAIM] = exclaim;
    row[HAS_PIPE] = pipe;
    row[HAS_AT] = at;
    row[HAS_CURRENCY] = currency;
    row[SHORT] = n_words <= 3;
    row[ALL_CAPS] = letters > 3 && (double)upper / (double)letters > 0.8;
    row[HAS_QUOTE] = quote;
    return 0;
}

/* The shape of a short text ("C C — C D, D:D a"), as features._shape builds it. */
static PyObject *shape_of(PyObject *text, const uint8_t *cls) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (n > MAX_SHAPE_CHARS) return PyUnicode_FromStringAndSize("", 0);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_UCS4 out[2 * MAX_SHAPE_TOKENS];
    Py_ssize_t n_out = 0, tokens = 0, i = 0;
    Py_UCS4 prev = 0;
    while (i < n && tokens < MAX_SHAPE_TOKENS) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        uint8_t k = cls[c];
        if (k & (C_UPPER | C_LOWER)) {
            i++;
            while (i < n && (cls[PyUnicode_READ(kind, data, i)] & C_WORDPART)) i++;
        } else if (k & C_NUMBER) {
            i++;
            while (i < n && (cls[PyUnicode_READ(kind, data, i)] & C_NUMBER)) i++;
        } else if (!(k & (C_SPACE | C_LETTER | C_NUMBER))) {
            i++;
        } else {
            i++; /* white space, or a letter no alternative starts with (\p{Lt}, \p{Lm}) */
            continue;
        }
        tokens++;
        Py_UCS4 shape = Py_UNICODE_ISUPPER(c) ? 'C' : Py_UNICODE_ISALPHA(c) ? 'a' : Py_UNICODE_ISDIGIT(c) ? 'D' : c;
        if (n_out > 0 && shape == prev && (shape == 'C' || shape == 'a')) continue;
        if (n_out > 0) out[n_out++] = ' ';
        out[n_out++] = shape;
        prev = shape;
    }
    return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out, n_out);
}

/* An attribute of a block as a C integer (its truth for bools); -1 with an error set on failure. */
static int block_int(PyObject *block, PyObject *name, long *value) {
    PyObject *v = PyObject_GetAttr(block, name);
    if (!v) return -1;
    if (PyBool_Check(v)) *value = v == Py_True;
    else *value = PyLong_AsLong(v);
    Py_DECREF(v);
    return (*value == -1 && PyErr_Occurred()) ? -1 : 0;
}

static PyObject *s_text, *s_bullet, *s_depth, *s_n_lines, *s_blank_before;

/* page_own(blocks, table, function_words, first_person, out) -> (shapes, rows left to Python) */
static PyObject *page_own(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *blocks, *function_words, *first_person;
    Py_buffer table, out;
    if (!PyArg_ParseTuple(args, "Oy*O!O!w*", &blocks, &table, &PyFrozenSet_Type, &function_words, &PyFrozenSet_Type,
                          &first_person, &out))
        return NULL;
    PyObject *result = NULL, *shapes = NULL, *left = NULL;
    PyObject *seq = PySequence_Fast(blocks, "blocks must be a sequence of Block");
    if (!seq) goto done;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    if (table.len != 0x10000) {
        PyErr_SetString(PyExc_ValueError, "the class table must have one byte per BMP code point");
        goto done;
    }
    if (out.len != n * N_OWN * (Py_ssize_t)sizeof(double)) {
        PyErr_Format(PyExc_ValueError, "out holds %zd bytes, expected %zd", out.len, n * N_OWN * (Py_ssize_t)sizeof(double));
        goto done;
    }
    const uint8_t *cls = (const uint8_t *)table.buf;
    double *rows = (double *)out.buf;
    static Words words; /* the GIL is held throughout */
    memset(&words, 0, sizeof words);
    words.function_words = function_words;
    words.first_person = first_person;
    if (add_entries(&words, function_words, IN_FUNCTION) < 0 || add_entries(&words, first_person, IN_FIRST_PERSON) < 0)
        goto done;
    shapes = PyList_New(n);
    left = PyList_New(0);
    if (!shapes || !left) goto done;
    for (Py_ssize_t b = 0; b < n; b++) {
        PyObject *block = PySequence_Fast_GET_ITEM(seq, b);
        double *row = rows + b * N_OWN;
        long depth, n_lines, blank_before;
        PyObject *text = PyObject_GetAttr(block, s_text), *bullet = text ? PyObject_GetAttr(block, s_bullet) : NULL;
        if (!bullet || block_int(block, s_depth, &depth) < 0 || block_int(block, s_n_lines, &n_lines) < 0 ||
            block_int(block, s_blank_before, &blank_before) < 0) {
            Py_XDECREF(text);
            Py_XDECREF(bullet);
            goto done;
        }
        if (!PyUnicode_Check(text) || !PyUnicode_Check(bullet)) {
            PyErr_Format(PyExc_TypeError, "blocks[%zd] has a text or bullet that is not str", b);
            Py_DECREF(text);
            Py_DECREF(bullet);
            goto done;
        }
        Py_ssize_t bullet_len = PyUnicode_GET_LENGTH(bullet);
        Py_DECREF(bullet);
        /* The layout columns come from the block, not its text. */
        row[IS_BULLET] = bullet_len > 0;
        row[DEPTH] = (double)(depth < 8 ? depth : 8);
        row[LOG_LINES] = log1p((double)n_lines);
        row[BLANK_BEFORE] = blank_before != 0;
        if (has_astral(PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text))) {
            Py_DECREF(text);
            PyObject *index = PyLong_FromSsize_t(b);
            if (!index || PyList_Append(left, index) < 0) { Py_XDECREF(index); goto done; }
            Py_DECREF(index);
            Py_INCREF(Py_None);
            PyList_SET_ITEM(shapes, b, Py_None);
            continue;
        }
        PyObject *shape = own_row(text, bullet_len, cls, &words, row) < 0 ? NULL : shape_of(text, cls);
        Py_DECREF(text);
        if (!shape) goto done;
        PyList_SET_ITEM(shapes, b, shape);
    }
    result = PyTuple_Pack(2, shapes, left);
done:
    Py_XDECREF(shapes);
    Py_XDECREF(left);
    Py_XDECREF(seq);
    PyBuffer_Release(&table);
    PyBuffer_Release(&out);
    return result;
}

static PyMethodDef methods[] = {
    {"page_own", page_own, METH_VARARGS,
     "page_own(blocks, class_table, function_words, first_person, out) -> (shapes, rows_left): the "
     "features._OWN columns of each block into out (blocks x 26 float64), and each block's shape; rows_left "
     "lists the blocks with characters beyond the BMP, whose text columns and shape (None) the caller computes."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_cfeatures", "cleanfeed's compiled per-block features.", -1,
                                    methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__cfeatures(void) {
    if (!(s_text = PyUnicode_InternFromString("text")) || !(s_bullet = PyUnicode_InternFromString("bullet")) ||
        !(s_depth = PyUnicode_InternFromString("depth")) || !(s_n_lines = PyUnicode_InternFromString("n_lines")) ||
        !(s_blank_before = PyUnicode_InternFromString("blank_before")))
        return NULL;
    return PyModule_Create(&module);
}
