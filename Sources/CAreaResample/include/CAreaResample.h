#ifndef C_AREA_RESAMPLE_H
#define C_AREA_RESAMPLE_H

/** Scales `width` x `height` RGB pixels (three bytes each, row by row) to `new_width` x
    `new_height` into `output`, each output pixel the mean of the area of the image it covers, a
    pixel cut by an output edge counting for the fraction inside (OpenCV's INTER_AREA when
    shrinking). Returns 0, or -1 when memory for the intermediate rows cannot be had. */
int bm_area_resample(const unsigned char *pixels, int width, int height,
                     unsigned char *output, int new_width, int new_height);

#endif
