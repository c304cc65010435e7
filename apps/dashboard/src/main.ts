import './styles.css';
import { DashboardPage } from './page/dashboard-page';

new DashboardPage().start();
