/* The line scan and paragraph joining of cleanfeed/segment.py in C: where each block of a
 * text starts and ends, its indent, list marker, line count and whether a blank line came
 * before it, for the whole text in one call.  segment.py makes the Block objects.
 *
 * In Python every line cost a split, two strips, a regular-expression match for the list
 * marker and a small object, and the joining of hard-wrapped lines a few more steps per
 * line: about 15 µs a block of the speed input, more than the C4 line filter spends on its
 * whole work.  This follows segment.py step for step:
 *
 *   - lines end at "\r\n" or one of \n \r \x85 \u2028 \u2029 \x0b \x0c;
 *   - a line's content is the line without the white space str.strip removes
 *     (Py_UNICODE_ISSPACE); a line with none is blank;
 *   - the indent is the leading white space, with tabs expanded to the next multiple of
 *     the tab width when there is a tab, as str.expandtabs does;
 *   - the list marker is what segment._BULLET matches at the content's start (its four
 *     alternatives in its order, `\d` being a decimal digit and `(?=\s)` white space);
 *   - lines between blank lines form a group, and a line continues the previous one under
 *     segment._is_continuation's tests.
 *
 * tests/test_segment.py compares the blocks with the Python code's on the seeds, test pages
 * and hypothesis-generated text.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

typedef struct {
    Py_ssize_t start, end, indent, bullet, blank_before;
} Line;

static int is_break(Py_UCS4 c) {
    return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0x0b || c == 0x0c;
}

/* The marker glyphs (segment._BULLET_GLYPHS). */
typedef struct {
    int kind;
    const void *data;
    Py_ssize_t n;
} Chars;

static int in_chars(const Chars *set, Py_UCS4 c) {
    for (Py_ssize_t k = 0; k < set->n; k++)
        if (PyUnicode_READ(set->kind, set->data, k) == c) return 1;
    return 0;
}

static int is_roman(Py_UCS4 c) { return c == 'i' || c == 'v' || c == 'x' || c == 'I' || c == 'V' || c == 'X'; }
static int is_ascii_letter(Py_UCS4 c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* The length of segment._BULLET's match at data[s:e], 0 if none. */
static Py_ssize_t bullet_at(int kind, const void *data, Py_ssize_t s, Py_ssize_t e, const Chars *glyphs) {
#define AT(i) PyUnicode_READ(kind, data, (i))
#define FOLLOWED(len) ((s + (len)) < e && Py_UNICODE_ISSPACE(AT(s + (len))))
    if (s >= e) return 0;
    Py_UCS4 c = AT(s);
    if (in_chars(glyphs, c) && FOLLOWED(1)) return 1;
    /* \d{1,3}[.)]: the run of digits must be 1 to 3 long and end at the punctuation. */
    Py_ssize_t d = 0;
    while (s + d < e && d < 4 && Py_UNICODE_ISDECIMAL(AT(s + d))) d++;
    if (d >= 1 && d <= 3 && s + d < e && (AT(s + d) == '.' || AT(s + d) == ')') && FOLLOWED(d + 1)) return d + 1;
    if (is_ascii_letter(c) && s + 1 < e && (AT(s + 1) == '.' || AT(s + 1) == ')') && FOLLOWED(2)) return 2;
    Py_ssize_t r = 0;
    while (s + r < e && r < 5 && is_roman(AT(s + r))) r++;
    if (r >= 1 && r <= 4 && s + r < e && (AT(s + r) == '.' || AT(s + r) == ')') && FOLLOWED(r + 1)) return r + 1;
    return 0;
#undef FOLLOWED
#undef AT
}

/* records(text, glyphs, tab_width, min_wrap, max_wrap, slack, sentence_ends) -> bytes of
 * int64, six per block: start, end, indent, bullet length, lines, blank line before. */
static PyObject *records(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *text, *glyphs_obj, *ends_obj;
    Py_ssize_t tab_width, min_wrap, max_wrap, slack;
    if (!PyArg_ParseTuple(args, "UUnnnnU", &text, &glyphs_obj, &tab_width, &min_wrap, &max_wrap, &slack, &ends_obj))
        return NULL;
    Chars glyphs = {PyUnicode_KIND(glyphs_obj), PyUnicode_DATA(glyphs_obj), PyUnicode_GET_LENGTH(glyphs_obj)};
    if (tab_width < 1) {
        PyErr_SetString(PyExc_ValueError, "tab_width must be positive");
        return NULL;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int ends_kind = PyUnicode_KIND(ends_obj);
    const void *ends_data = PyUnicode_DATA(ends_obj);
    Py_ssize_t n_ends = PyUnicode_GET_LENGTH(ends_obj);
    Line *lines = NULL;
    int64_t *out = NULL;
    PyObject *result = NULL;
    Py_ssize_t n_lines = 0, cap = 64;
    lines = PyMem_Malloc(cap * sizeof(Line));
    if (!lines) return PyErr_NoMemory();
    /* Lines with content, as segment._lines finds them. */
    int blank_before = 1;
    Py_ssize_t pos = 0;
    while (pos <= n) {
        Py_ssize_t stop = pos;
        while (stop < n && !is_break(PyUnicode_READ(kind, data, stop))) stop++;
        Py_ssize_t a = pos, b = stop;
        while (a < b && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, a))) a++;
        if (a < b) {
            while (b > a && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, b - 1))) b--;
            Py_ssize_t indent = a - pos;
            int tab = 0;
            for (Py_ssize_t i = pos; i < a; i++) tab |= PyUnicode_READ(kind, data, i) == '\t';
            if (tab) {
                indent = 0;
                for (Py_ssize_t i = pos; i < a; i++)
                    indent += PyUnicode_READ(kind, data, i) == '\t' ? tab_width - indent % tab_width : 1;
            }
            if (n_lines == cap) {
                cap *= 2;
                Line *grown = PyMem_Realloc(lines, cap * sizeof(Line));
                if (!grown) { PyErr_NoMemory(); goto done; }
                lines = grown;
            }
            lines[n_lines++] = (Line){a, b, indent, bullet_at(kind, data, a, b, &glyphs), blank_before};
            blank_before = 0;
        } else {
            blank_before = 1;
        }
        if (stop >= n) break;
        /* "\r\n" is one break. */
        pos = stop + ((PyUnicode_READ(kind, data, stop) == '\r' && stop + 1 < n && PyUnicode_READ(kind, data, stop + 1) == '\n') ? 2 : 1);
    }
    out = PyMem_Malloc((n_lines ? n_lines : 1) * 6 * sizeof(int64_t));
    if (!out) { PyErr_NoMemory(); goto done; }
    Py_ssize_t n_blocks = 0;
    for (Py_ssize_t g = 0; g < n_lines;) {
        /* A group: lines g .. h - 1, no blank line between them. */
        Py_ssize_t h = g + 1;
        while (h < n_lines && !lines[h].blank_before) h++;
        /* width: the longest line; fit_width: the longest with white space inside, which
           the greedy-wrap test measures against (segment._is_continuation). */
        Py_ssize_t width = 0, fit_width = 0;
        for (Py_ssize_t i = g; i < h; i++) {
            Py_ssize_t w = lines[i].end - lines[i].start + lines[i].indent;
            if (w > width) width = w;
            int spaced = 0;
            for (Py_ssize_t k = lines[i].start; k < lines[i].end && !spaced; k++)
                spaced = Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k));
            if (spaced && w > fit_width) fit_width = w;
        }
        if (fit_width == 0) fit_width = width;
        Py_ssize_t head = g;
        for (Py_ssize_t i = g + 1; i <= h; i++) {
            int joins = 0;
            if (i < h && width >= min_wrap && width <= max_wrap && !lines[i].bullet) {
                const Line *prev = &lines[i - 1], *line = &lines[i];
                Py_ssize_t prev_len = prev->end - prev->start + prev->indent;
                int indent_ok = prev->bullet ? line->indent > prev->indent : line->indent == prev->indent;
                /* ... and only where the next line's first word would not have fitted. */
                Py_ssize_t word_end = line->start;
                while (word_end < line->end && !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, word_end))) word_end++;
                if (prev_len >= width - slack && indent_ok && prev_len + (word_end - line->start) >= fit_width) {
                    if (Py_UNICODE_ISLOWER(PyUnicode_READ(kind, data, line->start))) {
                        joins = 1;
                    } else {
                        Py_UCS4 last = PyUnicode_READ(kind, data, prev->end - 1);
                        int ends_sentence = 0;
                        for (Py_ssize_t k = 0; k < n_ends; k++) ends_sentence |= PyUnicode_READ(ends_kind, ends_data, k) == last;
                        joins = !ends_sentence;
                    }
                }
            }
            if (joins) continue;
            int64_t *r = out + 6 * n_blocks++;
            r[0] = lines[head].start;
            r[1] = lines[i - 1].end;
            r[2] = lines[head].indent;
            r[3] = lines[head].bullet;
            r[4] = i - head;
            r[5] = lines[head].blank_before;
            head = i;
        }
        g = h;
    }
    result = PyBytes_FromStringAndSize((const char *)out, n_blocks * 6 * (Py_ssize_t)sizeof(int64_t));
done:
    PyMem_Free(lines);
    PyMem_Free(out);
    return result;
}

static PyMethodDef methods[] = {
    {"records", records, METH_VARARGS,
     "records(text, glyphs, tab_width, min_wrap, max_wrap, slack, sentence_ends) -> bytes: six int64 per block "
     "of text (start, end, indent, list-marker length, lines, blank line before), as segment.py cuts them."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_csegment", "cleanfeed's compiled segmentation.", -1, methods,
                                    NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__csegment(void) { return PyModule_Create(&module); }
