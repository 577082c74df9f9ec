import type { ConsoleUser, PageId } from '../access';
import { CatalogPage } from './catalog-page';
import { ClosesPage } from './closes-page';
import { CustomersPage } from './customers-page';
import { FleetPage } from './fleet-page';
import { ReconciliationPage } from './reconciliation-page';
import { SalesPage } from './sales-page';
import { StockPage } from './stock-page';
import { UpdatesPage } from './updates-page';
import { WebhooksPage } from './webhooks-page';

/** The page component for a page id; each receives who is signed in. */
export function PageView({ page, user }: { page: PageId; user: ConsoleUser }) {
  switch (page) {
    case 'sales':
      return <SalesPage user={user} />;
    case 'stock':
      return <StockPage user={user} />;
    case 'closes':
      return <ClosesPage user={user} />;
    case 'reconciliation':
      return <ReconciliationPage user={user} />;
    case 'catalog':
      return <CatalogPage user={user} />;
    case 'customers':
      return <CustomersPage user={user} />;
    case 'fleet':
      return <FleetPage user={user} />;
    case 'updates':
      return <UpdatesPage user={user} />;
    case 'webhooks':
      return <WebhooksPage />;
  }
}
