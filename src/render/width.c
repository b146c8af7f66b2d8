/* width: how many terminal columns UTF-8 text takes, without the locale.
 *
 * wcwidth() depends on the process locale (setlocale), which a library must
 * not touch, so the few ranges that matter are tables here: combining marks
 * and zero-width characters take 0 columns, East Asian wide/fullwidth and
 * emoji take 2, everything else 1. Bytes that are not valid UTF-8 count as
 * one column each (they will be shown as a replacement character).
 */
#include "briefing/utf8.h"
#include "render/render_layout.h"

typedef struct {
    unsigned int first;
    unsigned int last;
} codepoint_range;

static const codepoint_range zero_width[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x05BF, 0x05C7},
    {0x0610, 0x061A}, {0x064B, 0x065F}, {0x0670, 0x0670}, {0x06D6, 0x06ED},
    {0x0900, 0x0903}, {0x093A, 0x094F}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A},
    {0x0E47, 0x0E4E}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F},
    {0x202A, 0x202E}, {0x2060, 0x2064}, {0x20D0, 0x20FF}, {0xFE00, 0xFE0F},
    {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0x1F3FB, 0x1F3FF}, {0xE0000, 0xE01EF},
};

static const codepoint_range double_width[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
    {0x23F0, 0x23F0},   {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},
    {0x2648, 0x2653},   {0x267F, 0x267F},   {0x2693, 0x2693},   {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},   {0x26CE, 0x26CE},
    {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F5},   {0x26FA, 0x26FD},
    {0x2705, 0x2705},   {0x270A, 0x270B},   {0x2728, 0x2728},   {0x274C, 0x274C},
    {0x2753, 0x2755},   {0x2757, 0x2757},   {0x2795, 0x2797},   {0x27B0, 0x27B0},
    {0x27BF, 0x27BF},   {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},
    {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},
    {0xA000, 0xA4CF},   {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},
    {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},
    {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A},
    {0x1F200, 0x1F251}, {0x1F300, 0x1F3FA}, {0x1F400, 0x1F64F}, {0x1F680, 0x1F6FF},
    {0x1F7E0, 0x1F7EB}, {0x1F900, 0x1F9FF}, {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD},
    {0x30000, 0x3FFFD},
};

static int in_ranges(unsigned int codepoint, const codepoint_range *ranges, size_t count)
{
    size_t low = 0, high = count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        if (codepoint < ranges[middle].first)
            high = middle;
        else if (codepoint > ranges[middle].last)
            low = middle + 1;
        else
            return 1;
    }
    return 0;
}

int render_codepoint_width(unsigned int codepoint)
{
    if (codepoint < 0x20 || (codepoint >= 0x7F && codepoint < 0xA0))
        return 0;
    if (codepoint < 0x300)
        return 1;
    if (in_ranges(codepoint, zero_width, sizeof zero_width / sizeof zero_width[0]))
        return 0;
    if (in_ranges(codepoint, double_width, sizeof double_width / sizeof double_width[0]))
        return 2;
    return 1;
}

int render_display_width(const char *text, size_t length)
{
    int columns = 0;
    size_t at = 0;
    while (at < length) {
        unsigned int codepoint;
        at += utf8_decode(text + at, length - at, &codepoint);
        columns += render_codepoint_width(codepoint);
    }
    return columns;
}
