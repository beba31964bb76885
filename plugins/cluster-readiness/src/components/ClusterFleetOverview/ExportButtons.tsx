import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useState } from 'react';
import { clusterReadinessApiRef, ReadinessExportFormat } from '../../api';
import { errorMessage } from '../../lib/presentation';

const FORMATS: Array<{
  format: ReadinessExportFormat;
  label: string;
  hint: string;
}> = [
  {
    format: 'csv',
    label: 'CSV',
    hint: 'One row per cluster with category scores',
  },
  { format: 'json', label: 'JSON', hint: 'Summaries and full reports' },
  { format: 'sarif', label: 'SARIF', hint: 'Findings for code-scanning tools' },
];

/** Saves a blob under a file name through a temporary object URL. */
function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Downloads `GET /export` through the fetch API (so the request is authenticated)
 * for every cluster the viewer may read, regardless of the page's filters.
 */
export function ExportButtons() {
  const api = useApi(clusterReadinessApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState<ReadinessExportFormat | undefined>();

  const download = async (format: ReadinessExportFormat) => {
    setBusy(format);
    try {
      const file = await api.exportReadiness(format);
      save(file.blob, file.filename);
    } catch (e) {
      alertApi.post({
        message: `Export failed: ${errorMessage(e)}`,
        severity: 'error',
      });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Box display="flex" gridGap={8} aria-label="Export">
      {FORMATS.map(({ format, label, hint }) => (
        <Tooltip key={format} title={`${hint}; every cluster you may read`}>
          <span>
            <Button
              size="small"
              variant="outlined"
              startIcon={<GetAppIcon />}
              disabled={busy !== undefined}
              onClick={() => download(format)}
            >
              {label}
            </Button>
          </span>
        </Tooltip>
      ))}
    </Box>
  );
}
