export const crawlJobName = 'crawl-slice';
